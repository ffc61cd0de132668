package io.jenkins.plugins.mlops.core.deploy;

/** Why a deployment did not happen. The names are recorded in builds and shown in step errors: they never change. */
public enum DeploymentFailure {
    /** The version's recorded gate did not pass (or it was never validated) and {@code force} was not given. */
    GATE_REFUSED,
    /** The new version did not become healthy in time, failed a smoke test, or broke a load test limit. */
    VERIFICATION_FAILED,
    /** Another deployment of the same service held its lock for longer than this one would wait. */
    LOCKED,
    /** {@code version: 'previous'} with nothing before the current version. */
    NOTHING_TO_ROLL_BACK,
    /** The proxy could not be started or refused a change. */
    PROXY_FAILED,
    /** The service to act on does not exist on the Docker host. */
    NO_SUCH_SERVICE,
    /** The Docker Engine or the registry failed. */
    ENGINE_ERROR
}
