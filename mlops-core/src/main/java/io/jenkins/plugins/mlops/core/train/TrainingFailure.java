package io.jenkins.plugins.mlops.core.train;

/** Why a training run did not produce a model; each has its own wording in the build log. */
public enum TrainingFailure {
    /** The training command exited with a non-zero code. */
    NON_ZERO_EXIT,
    /** The kernel killed the container for exceeding its memory limit. */
    OUT_OF_MEMORY,
    /** The run exceeded the {@code timeout} argument and was killed. */
    TIMEOUT,
    /** The image does not exist on the Docker host (images are never pulled implicitly). */
    IMAGE_NOT_FOUND,
    /** Building the image from the Dockerfile failed. */
    IMAGE_BUILD_FAILED,
    /** No Docker Engine answered at the configured address. */
    DAEMON_UNREACHABLE,
    /** The run finished but its outputs could not be copied out or were unsafe or malformed. */
    OUTPUT_INVALID,
    /** The build was aborted while the run was in progress; the container was killed. */
    ABORTED,
    /** Anything else the Docker Engine reported. */
    ENGINE_ERROR
}
