package io.jenkins.plugins.mlops.core.container;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lines one read of a container's log returned, stdout and stderr in the order the engine stored them, and the
 * cursor to continue from. Plain types: it comes back from an agent through Jenkins' class filter.
 */
public final class LogChunk implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> lines;
    private final LogCursor next;
    private final boolean more;

    public LogChunk(List<String> lines, LogCursor next, boolean more) {
        this.lines = new ArrayList<>(lines);
        this.next = next;
        this.more = more;
    }

    /** Each message of the log, without its line end; a line longer than the driver's message size comes in pieces. */
    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** Where the next read starts: after every line of this chunk. */
    public LogCursor next() {
        return next;
    }

    /** Whether the read stopped at its line limit with more already in the log. */
    public boolean more() {
        return more;
    }
}
