package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows a container's output: reassembles frames into lines per stream, hands them to the {@link LogSink}, and
 * keeps the last few of each stream for the error message of a failed run. The engine copies stdout and stderr
 * independently, so their relative order is not kept and neither may crowd the other out of the tail.
 *
 * <p>{@link #attach} follows a container from its first byte ({@code docker run}'s attach-before-start); the
 * callback may also be handed to any other docker-java log command (e.g. {@code logsCmd} with {@code since}, to
 * follow a container that is already running).
 */
public final class ContainerLogs extends ResultCallback.Adapter<Frame> {

    /** Lines of each stream kept for failure messages unless the caller asks for another number. */
    public static final int TAIL_LINES = 10;
    /** The attach request either starts streaming within this time or the engine is considered broken. */
    private static final long ATTACH_SECONDS = 60;

    private final LogSink sink;
    private final int tailLines;
    private final LineAssembler stdout;
    private final LineAssembler stderr;
    private final Map<LogSink.Stream, Deque<String>> tails = new EnumMap<>(LogSink.Stream.class);
    private boolean flushed;

    public ContainerLogs(LogSink sink) {
        this(sink, TAIL_LINES);
    }

    /** @param tailLines how many of the last lines of each stream {@link #tail} keeps */
    public ContainerLogs(LogSink sink, int tailLines) {
        this.sink = sink;
        this.tailLines = tailLines;
        this.stdout = new LineAssembler(line -> deliver(LogSink.Stream.STDOUT, line));
        this.stderr = new LineAssembler(line -> deliver(LogSink.Stream.STDERR, line));
    }

    /**
     * Attaches to a created, not yet started container's stdout and stderr and waits until the engine streams, so
     * that output comes straight from the process's pipes from its first byte, whatever logging driver the engine
     * uses (syslog or none cannot be read back as logs). Close the returned callback to release the connection.
     *
     * @throws ContainerException {@link ContainerFailure#ENGINE_ERROR} when the engine does not attach
     */
    public static ContainerLogs attach(DockerClient docker, String containerId, LogSink sink)
            throws ContainerException, InterruptedException {
        ContainerLogs logs = docker.attachContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false)
                .exec(new ContainerLogs(sink));
        try {
            logs.awaitAttached();
        } catch (ContainerException | InterruptedException e) {
            logs.closeQuietly();
            throw e;
        }
        return logs;
    }

    /**
     * The last {@code lines} lines a container (running or exited) wrote on each stream, read back through the
     * logs endpoint, as a failure message ends ({@link #tailMessage}). A logging driver that cannot be read back
     * (syslog, none) gives a message that says so instead.
     */
    public static String recent(DockerClient docker, String containerId, int lines) throws InterruptedException {
        ContainerLogs logs = new ContainerLogs(LogSink.DISCARD, lines);
        try (ContainerLogs l = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                .exec(logs)) {
            if (!l.awaitCompletion(ATTACH_SECONDS, TimeUnit.SECONDS)) {
                return "; its log could not be read within " + ATTACH_SECONDS + " s";
            }
        } catch (IOException | RuntimeException e) {
            return "; its log could not be read: " + e.getMessage();
        }
        logs.flush();
        return logs.tailMessage();
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null || payload.length == 0) {
            return;
        }
        switch (frame.getStreamType()) {
            case STDERR -> stderr.accept(payload, 0, payload.length);
            case STDOUT, RAW -> stdout.accept(payload, 0, payload.length);
            default -> {
                // STDIN is never attached.
            }
        }
    }

    @Override
    public void onComplete() {
        flush();
        super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
        flush();
        super.onError(throwable);
    }

    /**
     * After the container exited, waits (bounded) for the last frames and emits partial last lines. The stream
     * ends within moments of the exit; the bound only protects against a misbehaving engine.
     */
    public void drain(long seconds) throws InterruptedException {
        try {
            awaitCompletion(seconds, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            sink.info("The log stream ended with an error: " + e.getMessage());
        }
        flush();
    }

    /** Emits partial last lines; safe to call more than once and from any thread. */
    public synchronized void flush() {
        if (!flushed) {
            flushed = true;
            stdout.flush();
            stderr.flush();
        }
    }

    /** The last lines of the stream, oldest first. */
    public synchronized List<String> tail(LogSink.Stream stream) {
        return new ArrayList<>(tails.getOrDefault(stream, new ArrayDeque<>()));
    }

    /**
     * The tail of both streams as a failure message ends: {@code "; last lines on stdout:\n  ..."}, or
     * {@code "; it wrote no output"}.
     */
    public String tailMessage() {
        return tailMessage(tail(LogSink.Stream.STDOUT), tail(LogSink.Stream.STDERR));
    }

    /** The failure message's ending for these last lines of stdout and stderr (see {@link #tailMessage()}). */
    public static String tailMessage(List<String> out, List<String> err) {
        if (out.isEmpty() && err.isEmpty()) {
            return "; it wrote no output";
        }
        StringBuilder b = new StringBuilder();
        if (!out.isEmpty()) {
            b.append("; last lines on stdout:\n  ").append(String.join("\n  ", out));
        }
        if (!err.isEmpty()) {
            b.append(out.isEmpty() ? "; " : "\n").append("last lines on stderr:\n  ").append(String.join("\n  ", err));
        }
        return b.toString();
    }

    /** Releases the connection; the container is not affected. */
    public void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // Only releases a connection.
        }
    }

    /** The attach request either starts streaming or fails; a failure never reaches onStart, so watch for both. */
    private void awaitAttached() throws ContainerException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTACH_SECONDS);
        while (!awaitStarted(50, TimeUnit.MILLISECONDS)) {
            try {
                if (awaitCompletion(0, TimeUnit.MILLISECONDS)) {
                    throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine closed the container's"
                            + " output stream before the container started");
                }
            } catch (RuntimeException e) {
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine could not attach to the"
                        + " container's output: " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine did not attach to the"
                        + " container's output within " + ATTACH_SECONDS + " s");
            }
        }
    }

    private void deliver(LogSink.Stream stream, String line) {
        Deque<String> tail = tails.computeIfAbsent(stream, s -> new ArrayDeque<>());
        tail.addLast(line);
        if (tail.size() > tailLines) {
            tail.removeFirst();
        }
        sink.line(stream, line);
    }
}
