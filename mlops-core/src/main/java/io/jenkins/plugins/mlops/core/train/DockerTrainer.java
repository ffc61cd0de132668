package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import java.util.Objects;

/**
 * Runs one training container per {@link #train} call on a Docker Engine, following docs/container-contract.md:
 * inputs go in and outputs come out as tar streams through the Engine API, so the engine may be remote.
 * Every container and volume it creates is labelled and removed before {@link #train} returns or throws.
 */
public final class DockerTrainer {

    private final DockerClient docker;

    public DockerTrainer(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /**
     * Builds or finds the image, runs the training container to its end, and copies its outputs to
     * {@link TrainingSpec#getOutputDir()}.
     *
     * @throws io.jenkins.plugins.mlops.core.MlopsArgumentException when a host path in the spec is wrong (before
     *         anything is created on the engine)
     * @throws TrainingException when the run failed; {@link TrainingException#getFailure()} says how
     * @throws InterruptedException when the calling thread was interrupted (build aborted); the container has been
     *         stopped and removed by then
     */
    public TrainingResult train(TrainingSpec spec, LogSink log) throws TrainingException, InterruptedException {
        throw new TrainingException(TrainingFailure.ENGINE_ERROR, "not implemented yet");
    }
}
