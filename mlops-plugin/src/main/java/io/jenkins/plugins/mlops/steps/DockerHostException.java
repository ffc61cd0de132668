package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.container.ContainerException;
import java.io.IOException;

/**
 * A container workload failed on the Docker host an agent reaches, as it comes back over the channel: the failure's
 * name and words and the exit code, no engine classes. An {@link IOException} because that is what a file callable
 * may throw; steps tell it apart from the channel's own IOExceptions (an agent that went away).
 */
public final class DockerHostException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String failure;
    private final Integer exitCode;

    public DockerHostException(ContainerException e) {
        super(e.getMessage());
        this.failure = e.getFailure().name();
        this.exitCode = e.getExitCode();
    }

    /** The {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name. */
    public String getFailure() {
        return failure;
    }

    /** The container's exit code when it ran to an end, else null. */
    public Integer getExitCode() {
        return exitCode;
    }

    /** Whether the engine could not be reached or answered with an error, rather than the workload failing. */
    public boolean isEngineTrouble() {
        return failure.equals("DAEMON_UNREACHABLE") || failure.equals("ENGINE_ERROR");
    }
}
