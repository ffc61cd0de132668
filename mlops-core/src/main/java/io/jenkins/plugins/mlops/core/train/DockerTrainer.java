package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import io.jenkins.plugins.mlops.core.container.job.ContractLayout;
import io.jenkins.plugins.mlops.core.container.job.HostInputs;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.container.job.JobResult;
import io.jenkins.plugins.mlops.core.container.job.JobRunner;
import io.jenkins.plugins.mlops.core.container.job.JobSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The training use case: runs one training container per {@link #train} call as a container job
 * ({@link JobRunner}, docs/container-contract.md) and says what it produced as a {@link TrainingResult}. Every
 * container and volume it creates is removed before {@link #train} returns or throws. Thread-safe: one trainer may
 * serve parallel runs.
 */
public final class DockerTrainer {

    /** How training's failures begin: "Training exited with code 3". */
    static final String PURPOSE = "Training";

    private final JobRunner runner;

    public DockerTrainer(DockerClient docker) {
        this.runner = new JobRunner(Objects.requireNonNull(docker, "docker"));
    }

    /**
     * Lets tests look at the created container (its HostConfig as the engine stored it) before it starts.
     * The hook must not keep the id: the container is removed when the run ends.
     */
    DockerTrainer beforeStart(Consumer<String> hook) {
        Objects.requireNonNull(hook);
        runner.onCreated(handle -> hook.accept(handle.containerId()));
        return this;
    }

    /**
     * Builds or finds the image, runs the training container to its end, and copies what it wrote under
     * {@code /mlops/output} to {@link TrainingSpec#getOutputDir()}. Container output reaches {@code log} line by
     * line while it runs; {@link LogSink} calls come from more than one thread, one call at a time.
     *
     * @throws MlopsArgumentException when a host path in the spec is wrong; thrown before anything is created on
     *         the engine
     * @throws ContainerException when the run failed; {@link ContainerException#getFailure()} says how
     * @throws InterruptedException when the calling thread was interrupted (the build was aborted); the container
     *         has been stopped (SIGTERM, then SIGKILL after a grace period) and removed by then
     */
    public TrainingResult train(TrainingSpec spec, LogSink log) throws ContainerException, InterruptedException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(log, "log");
        return result(spec, runner.run(job(spec), log));
    }

    /**
     * Detached training, for a caller that may go away while it runs ({@link JobRunner}'s detached steps): builds or
     * finds the image, copies the inputs and creates the container, not started. Start, follow and remove it with
     * {@link #jobs()}; then {@link #collect}.
     *
     * @param labels put on the container and volumes besides the spec's (a controller's, a build's)
     * @throws MlopsArgumentException when a host path in the spec is wrong; nothing is created on the engine then
     */
    public JobHandle create(TrainingSpec spec, Map<String, String> labels, LogSink log)
            throws ContainerException, InterruptedException {
        Objects.requireNonNull(spec, "spec");
        JobSpec job = job(spec);
        Map<String, String> all = new LinkedHashMap<>(job.labels());
        all.putAll(labels);
        return runner.create(new JobSpec(job.purpose(), job.name(), job.image(), job.inputs(), job.command(),
                job.params(), job.env(), job.limits(), job.privileges(), job.timeout(), all), log);
    }

    /** The result of a detached training whose container has finished, as {@link #train} would have returned it. */
    public TrainingResult collect(TrainingSpec spec, JobHandle handle, ContainerRunState finished, LogSink log)
            throws ContainerException, InterruptedException {
        return result(spec, runner.collect(handle, finished, log));
    }

    /** The runner underneath, for the detached steps that do not depend on training (start, poll, stop, remove). */
    public JobRunner jobs() {
        return runner;
    }

    private static JobSpec job(TrainingSpec spec) {
        HostInputs inputs = HostInputs.resolve(spec.getWorkDir(), spec.getDockerfile(), spec.getBuildContext(),
                spec.getData(), spec.getModelInput(), spec.getOutputDir());
        return new JobSpec(PURPOSE, spec.getName(), spec.getImage(), inputs, spec.getCommand(),
                spec.effectiveParams(), spec.getEnv(),
                new ResourceLimits(spec.getCpus(), spec.getMemoryBytes(), spec.getShmSizeBytes(), spec.getGpus(),
                        spec.getNetwork(), ResourceLimits.pidsLimitOrDefault(spec.getPidsLimit())),
                ContainerPrivileges.adding("capAdd", spec.getCapAdd()),
                spec.getTimeout(), spec.getLabels());
    }

    private static TrainingResult result(TrainingSpec spec, JobResult r) {
        String modelPath = Path.of(r.outputDir()).resolve(ContractLayout.MODEL_NAME).toString();
        return new TrainingResult(r.runId(), r.imageId(), r.exitCode(), r.outputDir(), modelPath, r.metrics(),
                spec.effectiveParams(), r.dataDigest(), r.duration());
    }
}
