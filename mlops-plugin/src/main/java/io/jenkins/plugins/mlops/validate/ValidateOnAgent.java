package io.jenkins.plugins.mlops.validate;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineEvaluation;
import io.jenkins.plugins.mlops.core.validate.BaselineSources;
import io.jenkins.plugins.mlops.core.validate.CandidateMetrics;
import io.jenkins.plugins.mlops.core.validate.EvaluationResult;
import io.jenkins.plugins.mlops.core.validate.EvaluationRunner;
import io.jenkins.plugins.mlops.core.validate.EvaluationSpec;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.steps.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Evaluates the gate on the machine that holds the workspace: metrics and predictions files are read there (a
 * million-row predictions.csv never crosses the channel), the evaluation container runs on the Docker Engine the
 * build's environment names there (its outputs are collected here once it has exited), and the bootstrap runs
 * there too. Only the verdict comes back. What is read from
 * where, in which order, is the core's ({@link CandidateMetrics}, {@link BaselineSources}).
 */
final class ValidateOnAgent extends MasterToSlaveFileCallable<ValidateOnAgent.Outcome> {
    private static final long serialVersionUID = 1L;

    private final ValidationSpec spec;
    /** What the controller knew of the baseline; null when compareTo names a file in the workspace. */
    private final Baseline known;
    private final TaskListener listener;
    /** Only the Docker connection variables: nothing else of the build's environment goes to the agent. */
    private final HashMap<String, String> buildEnv;
    private final String outputDir;
    private final String callId;
    /**
     * Where to pull a registered baseline from to evaluate it again, from this machine; null when the controller
     * copied its files beside the outputs already (its directory registry is there), or there is none.
     */
    private final RegistryLocation pairFrom;
    /** The registry credentials only. */
    private final HashMap<String, String> registryEnv;
    /** The evaluation container, exited; null when the call runs none. */
    private final JobHandle container;
    private final ContainerRunState ended;

    /**
     * @param outputDir workspace-relative directory of the evaluation container's outputs
     * @param callId    labels the baseline's evaluation containers, so this call's can be told from any other
     * @param container the evaluation container ({@link PrepareEvaluation}), exited; null when the call runs none
     * @param ended     how it ended, as the step's last poll saw it
     */
    ValidateOnAgent(ValidationSpec spec, Baseline known, TaskListener listener, Map<String, String> buildEnv,
            String outputDir, String callId, RegistryLocation pairFrom, JobHandle container, ContainerRunState ended) {
        this.spec = spec;
        this.known = known;
        this.listener = listener;
        this.buildEnv = DockerClients.connectionVariables(buildEnv);
        this.outputDir = outputDir;
        this.callId = callId;
        this.pairFrom = pairFrom;
        this.registryEnv = RegistryLocations.credentials(buildEnv);
        this.container = container;
        this.ended = ended;
    }

    @Override
    public Outcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path ws = workspace.toPath();
        try {
            Baseline base = BaselineSources.withExplicit(spec,
                    known != null ? known : BaselineSources.file(spec, ws.resolve(spec.getCompareTo())));
            EvaluationResult result = null;
            EvaluationResult baselineResult = null;
            ValidationAction.EvaluationRun evaluation = null;
            if (container != null) {
                EvaluationSpec here = spec.getEvaluation().on(workspace.getPath(),
                        new File(workspace, outputDir).getPath(), Map.of(ContainerLabels.STEP_CALL, callId));
                BuildLogSink log = new BuildLogSink(listener.getLogger(), MlValidateExecution.PREFIX);
                try (DockerClient docker = DockerClients.connect(buildEnv)) {
                    EvaluationRunner runner = new EvaluationRunner(docker);
                    result = runner.collect(container, ended, log);
                    if (BaselineEvaluation.applies(spec, base, result)) {
                        if (pairFrom != null) {
                            try (ModelRegistry registry = pairFrom.open(registryEnv)) {
                                baselineResult = BaselineEvaluation.run(runner, spec, here, result, base, registry, log);
                            }
                        } else {
                            baselineResult = BaselineEvaluation.evaluate(runner, spec, here, result, base,
                                    Path.of(here.getOutputDir() + BaselineEvaluation.MODEL_DIR_SUFFIX), log);
                        }
                    }
                } catch (ContainerException e) {
                    return Outcome.failed(e.getFailure().name(), e.getMessage());
                }
                evaluation = new ValidationAction.EvaluationRun(result.getRunId(), result.getImageId(),
                        WorkspacePaths.relative(workspace, result.getOutputDir()));
            }
            GateVerdict verdict = CandidateMetrics.collect(spec, ws, result, baselineResult).gate(spec, base);
            return Outcome.evaluated(verdict, evaluation);
        } catch (MlopsArgumentException e) {
            // e.g. a metrics file or a model path that does not exist: found only here, where the files are.
            throw new AbortException("mlValidate: " + e.getMessage());
        }
    }

    /**
     * A verdict, or why the evaluation container could not produce the metrics.
     *
     * @param verdict    null when the evaluation failed
     * @param evaluation the container run, null when there was none
     * @param failure    the {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name; null when evaluated
     * @param message    the engine's words for the failure
     */
    record Outcome(GateVerdict verdict, ValidationAction.EvaluationRun evaluation, String failure, String message) implements Serializable {

        static Outcome evaluated(GateVerdict verdict, ValidationAction.EvaluationRun evaluation) {
            return new Outcome(verdict, evaluation, null, null);
        }

        static Outcome failed(String failure, String message) {
            return new Outcome(null, null, failure, message);
        }

        boolean succeeded() {
            return verdict != null;
        }
    }
}
