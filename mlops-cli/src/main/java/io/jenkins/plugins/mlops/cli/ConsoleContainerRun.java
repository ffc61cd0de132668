package io.jenkins.plugins.mlops.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container workload (training, evaluation) from the command line: connects to the Docker Engine the
 * environment names, shows the container's output on the console as it comes, and on Ctrl-C (SIGINT) or SIGTERM
 * interrupts the work so that the engine stops and removes the container before the JVM exits.
 *
 * <p>The JVM runs shutdown hooks on those signals and exits when the last one returns (status 130 for SIGINT, 143
 * for SIGTERM). The hook therefore waits for the work's cleanup and its message, not for {@code main}: {@code main}'s
 * own {@code System.exit} blocks while the JVM shuts down, so waiting for it would only wait out the hook's bound.
 */
final class ConsoleContainerRun {

    /**
     * The longest the JVM's exit waits for the engine to clean up after a signal: the stop grace of a container
     * that ignores SIGTERM (10 s), its removal, and margin for a slow engine.
     */
    private static final long CLEANUP_WAIT_MILLIS = 20_000;

    /** What to do on the engine; {@code E} is what it may throw beside the engine's own failures. */
    interface Job<T, E extends Exception> {
        T run(DockerClient docker, LogSink log) throws E, ContainerException, InterruptedException;
    }

    private ConsoleContainerRun() {
    }

    /**
     * @param name         the subcommand ({@code train}, {@code validate}), naming the hook's thread
     * @param containerOut where the container's stdout goes (stderr when stdout carries JSON)
     * @param messages     where the container's stderr and the engine's own messages (the abort's among them) go
     * @throws RunAborted when a signal ended the run: its container is gone and the message is printed
     */
    static <T, E extends Exception> T run(String name, PrintWriter containerOut, PrintWriter messages, Job<T, E> job)
            throws E, ContainerException, InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread worker = Thread.currentThread();
        Thread onSignal = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(CLEANUP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "mlops-" + name + "-abort");
        Runtime.getRuntime().addShutdownHook(onSignal);
        ConsoleLogSink log = new ConsoleLogSink(containerOut, messages);
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            return job.run(docker, log);
        } catch (InterruptedException aborted) {
            // The container layer says it through the log ("Training run ... was aborted; its container was stopped
            // and removed"), as in the Jenkins step's build log; said here only for work that did not. Before the
            // hook is released: the JVM halts right after.
            if (aborted.getMessage() != null && !aborted.getMessage().equals(log.lastInfo)) {
                log.info(aborted.getMessage());
            }
            throw new RunAborted(aborted);
        } catch (IOException closing) {
            throw new ContainerException(ContainerFailure.ENGINE_ERROR,
                    "closing the Docker client failed: " + closing.getMessage(), closing);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and returns now that the work has finished: nothing to undo.
            }
        }
    }

    /** Container output goes to the console as it comes; the engine's own messages are marked as such. */
    private static final class ConsoleLogSink implements LogSink {
        private final PrintWriter out;
        private final PrintWriter err;
        /** The last message of the engine's, so that the abort's is not said twice. */
        private volatile String lastInfo;

        ConsoleLogSink(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void line(Stream stream, String line) {
            PrintWriter w = stream == Stream.STDERR ? err : out;
            w.println(line);
            w.flush();
        }

        @Override
        public void info(String message) {
            lastInfo = message;
            err.println("[mlops] " + message);
            err.flush();
        }
    }
}
