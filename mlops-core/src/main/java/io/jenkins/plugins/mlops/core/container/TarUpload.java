package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Streams a tar written on the fly into a container path (the Engine API's archive endpoint), so that inputs of
 * any size go through the same connection a remote engine is reached by, without a temporary file on the agent.
 */
public final class TarUpload {

    /** Writes the tar into the stream and returns something learned on the way (a digest). */
    public interface TarWriter<T> {
        T write(OutputStream out) throws IOException;
    }

    private static final int PIPE_BYTES = 1 << 20;

    private TarUpload() {
    }

    public static <T> T upload(DockerClient docker, String containerId, String remotePath, TarWriter<T> writer)
            throws IOException, InterruptedException {
        PipedInputStream pipeIn = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        FutureTask<T> producer = new FutureTask<>(writing(writer, pipeOut));
        Thread thread = new Thread(producer, "mlops-tar-upload-" + containerId.substring(0, Math.min(12, containerId.length())));
        thread.setDaemon(true);
        thread.start();
        try {
            docker.copyArchiveToContainerCmd(containerId)
                    .withRemotePath(remotePath)
                    .withTarInputStream(new InterruptibleInput(pipeIn))
                    .exec();
        } catch (RuntimeException e) {
            if (Interruptions.isInterruption(e) || Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                throw new InterruptedException("copying inputs into the container was interrupted");
            }
            producerFailure(producer);
            throw e;
        } finally {
            // Unblocks a producer still writing (the engine stopped reading) so its thread ends.
            pipeIn.close();
        }
        try {
            return producer.get();
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    private static <T> Callable<T> writing(TarWriter<T> writer, PipedOutputStream pipeOut) {
        return () -> {
            try (OutputStream out = new BufferedOutputStream(pipeOut, 256 * 1024)) {
                return writer.write(out);
            }
        };
    }

    /** When the producer failed first (an input file vanished), its error explains the broken upload better. */
    private static void producerFailure(FutureTask<?> producer) throws IOException {
        if (producer.isDone()) {
            try {
                producer.get();
            } catch (ExecutionException e) {
                throw asIoException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IOException asIoException(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        return new IOException(t);
    }

    /** The HTTP client reads the body on the caller's thread: checking its interrupt flag here makes abort prompt. */
    private static final class InterruptibleInput extends FilterInputStream {
        InterruptibleInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }

        private static void check() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
        }
    }
}
