package io.jenkins.plugins.mlops.core.container;

import java.io.Serializable;

/**
 * How far a container's log has been read, in a form that survives a restart of the reader: for stdout and for
 * stderr apart, the second to ask the engine's logs API from ({@code since}) and how many messages stamped at or
 * after it have been read already. Docker keeps the log (json-file, local and journald drivers, and any other
 * through its dual-logging cache), and one stream's messages keep their order from read to read, so a reader that
 * died re-reads from here: no message is lost and none is read twice. Immutable; plain fields, because it is
 * persisted with a build and crosses the channel to agents.
 */
public final class LogCursor implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Before the first message. */
    public static final LogCursor START = new LogCursor(0, 0, 0, 0);

    private final long stdoutSince;
    private final int stdoutSeen;
    private final long stderrSince;
    private final int stderrSeen;

    public LogCursor(long stdoutSince, int stdoutSeen, long stderrSince, int stderrSeen) {
        if (stdoutSince < 0 || stdoutSeen < 0 || stderrSince < 0 || stderrSeen < 0) {
            throw new IllegalArgumentException("a log cursor counts forward: " + stdoutSince + "/" + stdoutSeen + ", "
                    + stderrSince + "/" + stderrSeen);
        }
        this.stdoutSince = stdoutSince;
        this.stdoutSeen = stdoutSeen;
        this.stderrSince = stderrSince;
        this.stderrSeen = stderrSeen;
    }

    /** Epoch second the next read of {@code stream} starts at; 0 for the start of the log. */
    public long since(LogSink.Stream stream) {
        return stream == LogSink.Stream.STDOUT ? stdoutSince : stderrSince;
    }

    /** Messages of {@code stream} stamped at or after {@link #since} that have been read already. */
    public int seen(LogSink.Stream stream) {
        return stream == LogSink.Stream.STDOUT ? stdoutSeen : stderrSeen;
    }

    /** This cursor with {@code stream}'s position replaced. */
    LogCursor with(LogSink.Stream stream, long since, int seen) {
        return stream == LogSink.Stream.STDOUT ? new LogCursor(since, seen, stderrSince, stderrSeen)
                : new LogCursor(stdoutSince, stdoutSeen, since, seen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogCursor c && c.stdoutSince == stdoutSince && c.stdoutSeen == stdoutSeen
                && c.stderrSince == stderrSince && c.stderrSeen == stderrSeen;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stdoutSince) * 31 * 31 * 31 + stdoutSeen * 31 * 31 + Long.hashCode(stderrSince) * 31
                + stderrSeen;
    }

    @Override
    public String toString() {
        return "stdout since " + stdoutSince + " +" + stdoutSeen + ", stderr since " + stderrSince + " +" + stderrSeen;
    }
}
