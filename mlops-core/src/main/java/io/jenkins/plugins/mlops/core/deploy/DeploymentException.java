package io.jenkins.plugins.mlops.core.deploy;

/**
 * A deployment did not happen; {@link #getFailure()} says why, the message says it in words for the build log
 * (with the new version's last log lines when it failed its checks). Whatever served before still serves.
 */
public class DeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DeploymentFailure failure;
    private final DeploymentResult attempt;

    public DeploymentException(DeploymentFailure failure, String message) {
        this(failure, message, null, null);
    }

    public DeploymentException(DeploymentFailure failure, String message, Throwable cause) {
        this(failure, message, null, cause);
    }

    /** @param attempt what the failed attempt measured before it stopped (checks, load test), or null */
    public DeploymentException(DeploymentFailure failure, String message, DeploymentResult attempt, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.attempt = attempt;
    }

    public DeploymentFailure getFailure() {
        return failure;
    }

    /**
     * What the attempt got to measure (the version it tried, health and smoke results, load figures), so that a
     * failed deployment's record shows them too; null when it failed before any check.
     */
    public DeploymentResult getAttempt() {
        return attempt;
    }
}
