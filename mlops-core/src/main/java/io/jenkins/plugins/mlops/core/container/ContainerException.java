package io.jenkins.plugins.mlops.core.container;

/**
 * A container workload (a training, an evaluation, a serving container) or the engine it runs on failed;
 * {@link #getFailure()} says how, the message says it in words for the build log. The failure's name is what the
 * build records and what users see in {@code mlTrain failed (NON_ZERO_EXIT): ...}, so the names never change.
 */
public class ContainerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ContainerFailure failure;
    private final Integer exitCode;

    public ContainerException(ContainerFailure failure, String message) {
        this(failure, message, null, null);
    }

    public ContainerException(ContainerFailure failure, String message, Throwable cause) {
        this(failure, message, null, cause);
    }

    public ContainerException(ContainerFailure failure, String message, Integer exitCode, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.exitCode = exitCode;
    }

    public ContainerFailure getFailure() {
        return failure;
    }

    /** The container's exit code when it ran to an end, otherwise {@code null}. */
    public Integer getExitCode() {
        return exitCode;
    }
}
