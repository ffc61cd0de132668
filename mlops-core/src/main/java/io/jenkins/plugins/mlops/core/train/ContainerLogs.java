package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a container's output: reassembles frames into lines per stream, hands them to the {@link LogSink}, and
 * keeps the last few of each stream for the error message of a failed run. The engine copies stdout and stderr
 * independently, so their relative order is not kept and neither may crowd the other out of the tail.
 */
final class ContainerLogs extends ResultCallback.Adapter<Frame> {

    static final int TAIL_LINES = 10;

    private final LogSink sink;
    private final LineAssembler stdout;
    private final LineAssembler stderr;
    private final Map<LogSink.Stream, Deque<String>> tails = new EnumMap<>(LogSink.Stream.class);
    private boolean flushed;

    ContainerLogs(LogSink sink) {
        this.sink = sink;
        this.stdout = new LineAssembler(line -> deliver(LogSink.Stream.STDOUT, line));
        this.stderr = new LineAssembler(line -> deliver(LogSink.Stream.STDERR, line));
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

    /** Emits partial last lines; safe to call more than once and from any thread. */
    synchronized void flush() {
        if (!flushed) {
            flushed = true;
            stdout.flush();
            stderr.flush();
        }
    }

    /** The last {@value #TAIL_LINES} lines of the stream, oldest first. */
    synchronized List<String> tail(LogSink.Stream stream) {
        return new ArrayList<>(tails.getOrDefault(stream, new ArrayDeque<>()));
    }

    private void deliver(LogSink.Stream stream, String line) {
        Deque<String> tail = tails.computeIfAbsent(stream, s -> new ArrayDeque<>());
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        sink.line(stream, line);
    }
}
