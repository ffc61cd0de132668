package io.jenkins.plugins.mlops.core.train;

/** A training run failed; {@link #getFailure()} says why, the message says it in words for the build log. */
public class TrainingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TrainingFailure failure;
    private final Integer exitCode;

    public TrainingException(TrainingFailure failure, String message) {
        this(failure, message, null, null);
    }

    public TrainingException(TrainingFailure failure, String message, Throwable cause) {
        this(failure, message, null, cause);
    }

    public TrainingException(TrainingFailure failure, String message, Integer exitCode, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.exitCode = exitCode;
    }

    public TrainingFailure getFailure() {
        return failure;
    }

    /** The container's exit code when it ran to an end, otherwise {@code null}. */
    public Integer getExitCode() {
        return exitCode;
    }
}
