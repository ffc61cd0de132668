package io.jenkins.plugins.mlops.core.container;

/**
 * Why a container workload did not produce its result; each has its own wording in the build log. The names are
 * recorded in builds ({@code TrainingAction.failure}) and shown in step errors, so they are part of the format.
 */
public enum ContainerFailure {
    /** The container's command exited with a non-zero code. */
    NON_ZERO_EXIT,
    /** The kernel killed the container for exceeding its memory limit. */
    OUT_OF_MEMORY,
    /** The run exceeded its {@code timeout} and was stopped. */
    TIMEOUT,
    /** The image does not exist on the Docker host (images are never pulled implicitly). */
    IMAGE_NOT_FOUND,
    /** Building the image from the Dockerfile failed. */
    IMAGE_BUILD_FAILED,
    /** No Docker Engine answered at the configured address. */
    DAEMON_UNREACHABLE,
    /** The run finished but its outputs could not be copied out or were unsafe or malformed. */
    OUTPUT_INVALID,
    /** The build was aborted while the run was in progress; the container was stopped and removed. */
    ABORTED,
    /**
     * The container a caller looks for by id or label no longer exists on the Docker host (removed by hand, the
     * daemon's state wiped): a run that is re-attached after a restart cannot collect its result.
     */
    CONTAINER_GONE,
    /** Anything else the Docker Engine reported. */
    ENGINE_ERROR
}
