package io.jenkins.plugins.mlops.core.validate;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import io.jenkins.plugins.mlops.core.container.job.ContractLayout;
import io.jenkins.plugins.mlops.core.container.job.HostInputs;
import io.jenkins.plugins.mlops.core.container.job.JobArguments;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.container.job.JobResult;
import io.jenkins.plugins.mlops.core.container.job.JobRunner;
import io.jenkins.plugins.mlops.core.container.job.JobSpec;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an evaluation container: a container job under the same contract as training (docs/container-contract.md),
 * with the candidate model copied read-only to {@code /mlops/model} and the evaluation data to {@code /mlops/data}.
 * The container writes {@code metrics.json} and/or {@code predictions.csv} under {@code /mlops/output}; both come
 * back for the gate.
 */
public final class EvaluationRunner {

    /** How the evaluation's failures begin: "Evaluation exited with code 1". */
    static final String PURPOSE = "Evaluation";

    private final JobRunner runner;

    public EvaluationRunner(DockerClient docker) {
        this.runner = new JobRunner(Objects.requireNonNull(docker, "docker"));
    }

    /**
     * Runs the evaluation and collects what it wrote.
     *
     * @throws MlopsArgumentException when a host path (model, data, Dockerfile, output directory) cannot be used;
     *                                nothing has been created on the engine then
     * @throws ContainerException     when the container fails (exit code, OOM, timeout, ...), or wrote neither
     *                                metrics nor predictions ({@link ContainerFailure#OUTPUT_INVALID})
     * @throws InterruptedException   when the build was aborted; the container is stopped and removed
     */
    public EvaluationResult run(EvaluationSpec spec, LogSink log) throws ContainerException, InterruptedException {
        return result(runner.run(job(spec), log), log);
    }

    /**
     * Detached evaluation, for a caller that may go away while it runs ({@link JobRunner}'s detached steps): the
     * image, the inputs and the container, not started. Start, follow and remove it with {@link #jobs()}; then
     * {@link #collect}.
     *
     * @throws MlopsArgumentException when a host path cannot be used; nothing has been created on the engine then
     */
    public JobHandle create(EvaluationSpec spec, LogSink log) throws ContainerException, InterruptedException {
        return runner.create(job(spec), log);
    }

    /** What a detached evaluation whose container has finished wrote, as {@link #run} would have returned it. */
    public EvaluationResult collect(JobHandle handle, ContainerRunState finished, LogSink log)
            throws ContainerException, InterruptedException {
        return result(runner.collect(handle, finished, log), log);
    }

    /** The runner underneath, for the detached steps that do not depend on evaluation (start, poll, stop, remove). */
    public JobRunner jobs() {
        return runner;
    }

    private static JobSpec job(EvaluationSpec spec) {
        JobArguments.requireOutputDir(spec.getOutputDir());
        HostInputs inputs = HostInputs.resolve(spec.getWorkDir(), spec.getDockerfile(), null, spec.getData(),
                spec.getModel(), spec.getOutputDir());
        return new JobSpec(PURPOSE, spec.getName(), spec.getImage(), inputs, spec.getCommand(), Map.of(),
                Map.of(), new ResourceLimits(null, null, null, null, "none",
                        ResourceLimits.pidsLimitOrDefault(spec.getPidsLimit())),
                ContainerPrivileges.adding("capAdd", spec.getCapAdd()), spec.getTimeout(), spec.getLabels());
    }

    private static EvaluationResult result(JobResult run, LogSink log) throws ContainerException {
        Path predictions = Path.of(run.outputDir()).resolve(PredictionsFile.FILE_NAME);
        boolean hasPredictions = Files.isRegularFile(predictions);
        if (run.metrics().isEmpty() && !hasPredictions) {
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "Evaluation run " + run.runId()
                    + " wrote neither metrics (" + ContractLayout.METRICS_FILE + ") nor predictions ("
                    + ContractLayout.PREDICTIONS_FILE + "); the gate has nothing to check");
        }
        log.info("Evaluation " + run.runId() + " wrote " + (run.metrics().isEmpty() ? "no metrics" : run.metrics().size() + " metrics")
                + (hasPredictions ? " and predictions.csv" : ""));
        return new EvaluationResult(run.runId(), run.imageId(), run.outputDir(), run.duration(), run.metrics(),
                hasPredictions ? predictions.toString() : null);
    }
}
