package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Follows a container's output: reassembles frames into lines per stream, hands them to the {@link LogSink}, and
 * keeps the last few for the error message of a failed run.
 */
final class ContainerLogs extends ResultCallback.Adapter<Frame> {

    static final int TAIL_LINES = 10;

    private final LogSink sink;
    private final LineAssembler stdout;
    private final LineAssembler stderr;
    private final Deque<String> tail = new ArrayDeque<>();
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

    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    private void deliver(LogSink.Stream stream, String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        sink.line(stream, line);
    }
}
