package io.jenkins.plugins.mlops;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.EvaluationResult;
import io.jenkins.plugins.mlops.core.validate.EvaluationRunner;
import io.jenkins.plugins.mlops.core.validate.EvaluationSpec;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Collects the candidate's metrics and evaluates the gate on the machine that holds the workspace: metrics and
 * predictions files are read there (a million-row predictions.csv never crosses the channel), the evaluation
 * container runs on the Docker Engine the build's environment names there, and the bootstrap runs there too. Only the
 * verdict comes back.
 *
 * <p>Later sources override earlier ones for the same metric name: the evaluation container's metrics.json, then
 * {@code metricsFile}, then {@code metrics}; metrics computed from predictions replace all of them (the verdict's notes
 * say when they differ).
 */
final class ValidateOnAgent extends MasterToSlaveFileCallable<ValidateOnAgent.Outcome> {
    private static final long serialVersionUID = 1L;

    private final ValidationPlan plan;
    private final BaselineSource baseline;
    private final TaskListener listener;
    /** A plain copy: only the Docker connection variables are read from it. */
    private final HashMap<String, String> buildEnv;
    private final String outputDir;
    private final String callId;

    /**
     * @param outputDir workspace-relative directory for the evaluation container's outputs
     * @param callId    labels the evaluation's containers, so this call's can be told from any other
     */
    ValidateOnAgent(ValidationPlan plan, BaselineSource baseline, TaskListener listener, Map<String, String> buildEnv,
            String outputDir, String callId) {
        this.plan = plan;
        this.baseline = baseline;
        this.listener = listener;
        this.buildEnv = new HashMap<>(buildEnv);
        this.outputDir = outputDir;
        this.callId = callId;
    }

    @Override
    public Outcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        Path ws = workspace.toPath();
        Baseline base = baseline.resolve(workspace);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Path predictions = plan.predictions == null ? null : ws.resolve(plan.predictions);
        Evaluation evaluation = null;
        if (plan.runsEvaluation()) {
            EvaluationResult result;
            try {
                result = evaluate(workspace);
            } catch (ContainerException e) {
                return Outcome.failed(e.getFailure().name(), e.getMessage());
            }
            metrics.putAll(result.getMetrics());
            if (result.getPredictionsFile() != null) {
                if (predictions != null) {
                    throw argument("predictions", "the evaluation container wrote its own predictions.csv; give"
                            + " predictions only for an evaluation that writes none");
                }
                predictions = Path.of(result.getPredictionsFile());
            }
            evaluation = new Evaluation(result.getRunId(), result.getImageId(),
                    TrainOnAgent.workspaceRelative(workspace, result.getOutputDir()));
        }
        if (plan.metricsFile != null) {
            try {
                metrics.putAll(MetricsFiles.read(ws.resolve(plan.metricsFile)));
            } catch (IOException e) {
                throw argument("metricsFile", e.getMessage());
            }
        }
        if (plan.metrics != null) {
            metrics.putAll(plan.metrics);
        }
        try {
            GateVerdict verdict = MetricGate.evaluate(plan.rules, metrics, base, predictions, plan.options);
            return Outcome.evaluated(verdict, evaluation);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        } catch (IOException e) {
            // MetricGate reads nothing but the predictions file.
            throw argument("predictions", e.getMessage());
        }
    }

    private EvaluationResult evaluate(File workspace) throws ContainerException, InterruptedException, IOException {
        EvaluationSpec spec = EvaluationSpec.builder().image(plan.image).command(plan.command).model(plan.model)
                .data(plan.data)
                .workDir(workspace.getPath())
                .outputDir(new File(workspace, outputDir).getPath())
                .label(ContainerLabels.STEP_CALL, callId)
                .build();
        BuildLogSink log = new BuildLogSink(listener.getLogger(), MlValidateExecution.PREFIX);
        try (DockerClient docker = DockerClients.connect(buildEnv)) {
            return new EvaluationRunner(docker).run(spec, log);
        } catch (MlopsArgumentException e) {
            // e.g. a model or data path that does not exist: found only here, where the files are.
            throw new AbortException("mlValidate: " + e.getMessage());
        }
    }

    private static AbortException argument(String argument, String problem) {
        return new AbortException("mlValidate: " + new MlopsArgumentException(argument, problem).getMessage());
    }

    /**
     * The evaluation container run that produced the metrics.
     *
     * @param outputDir its outputs, relative to the workspace
     */
    record Evaluation(String runId, String imageId, String outputDir) implements Serializable {
    }

    /**
     * A verdict, or why the evaluation container could not produce the metrics.
     *
     * @param verdict    null when the evaluation failed
     * @param evaluation the container run, null when there was none
     * @param failure    the {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name; null when evaluated
     * @param message    the engine's words for the failure
     */
    record Outcome(GateVerdict verdict, Evaluation evaluation, String failure, String message) implements Serializable {

        static Outcome evaluated(GateVerdict verdict, Evaluation evaluation) {
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
