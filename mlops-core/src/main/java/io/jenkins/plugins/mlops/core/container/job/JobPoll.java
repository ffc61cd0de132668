package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.LogChunk;
import java.io.Serializable;

/**
 * One look at a started job: its container's state, then the log lines stored since the cursor. The state is taken
 * first, so once it says exited the log that follows is complete (the engine stores the last output before it marks
 * a container exited). Plain fields: it comes back from an agent.
 */
public final class JobPoll implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ContainerRunState status;
    private final LogChunk log;

    public JobPoll(ContainerRunState status, LogChunk log) {
        this.status = status;
        this.log = log;
    }

    public ContainerRunState status() {
        return status;
    }

    /** Null when the container is gone. */
    public LogChunk log() {
        return log;
    }

    /** Whether nothing more will come: the container exited or is gone, and every line up to that is in {@link #log()}. */
    public boolean finished() {
        return (status.phase() == ContainerRunState.Phase.EXITED && !log.more())
                || status.phase() == ContainerRunState.Phase.GONE;
    }
}
