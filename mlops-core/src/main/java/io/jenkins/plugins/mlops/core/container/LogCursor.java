package io.jenkins.plugins.mlops.core.container;

import java.io.Serializable;

/**
 * How far a container's log has been read, in a form that survives a restart of the reader: the engine is asked for
 * the messages stamped at or after {@link #sinceSeconds()} (the logs API's {@code since}, whole seconds), and the
 * first {@link #seen()} of those have been read already. Docker keeps the log (json-file, local and journald
 * drivers, and any other through its dual-logging cache), so a reader that died re-reads from here: no message is
 * lost and none is read twice. Immutable; plain fields, because it is persisted with a build and crosses the
 * channel to agents.
 */
public final class LogCursor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Before the first message. */
    public static final LogCursor START = new LogCursor(0, 0);

    private final long sinceSeconds;
    private final int seen;

    public LogCursor(long sinceSeconds, int seen) {
        if (sinceSeconds < 0 || seen < 0) {
            throw new IllegalArgumentException("a log cursor counts forward: " + sinceSeconds + "/" + seen);
        }
        this.sinceSeconds = sinceSeconds;
        this.seen = seen;
    }

    /** Epoch second the next read starts at; 0 for the start of the log. */
    public long sinceSeconds() {
        return sinceSeconds;
    }

    /** Messages stamped at or after {@link #sinceSeconds()} that have been read already. */
    public int seen() {
        return seen;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogCursor c && c.sinceSeconds == sinceSeconds && c.seen == seen;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sinceSeconds) * 31 + seen;
    }

    @Override
    public String toString() {
        return "since " + sinceSeconds + " +" + seen;
    }
}
