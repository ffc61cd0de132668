package io.jenkins.plugins.mlops.train;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code mlTrain} call. Synchronous-non-blocking: the training blocks a thread for its whole length (on
 * the agent, through {@link FilePath#act}), but not the Pipeline's CPS thread, and aborting the build interrupts
 * that thread, which makes the engine kill and remove the container. A training run cannot survive a controller
 * restart anyway (its agent-side thread dies with the connection), so a resumable execution would promise more
 * than it could keep; this one fails cleanly on resume instead.
 */
public final class MlTrainExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[mlTrain] ";

    private final TrainingSpec spec;
    private final String callId;
    /** Workspace-relative, with forward slashes, as later steps ({@code archiveArtifacts}...) take paths. */
    private final String outputDir;

    MlTrainExecution(StepContext context, TrainingSpec spec, String callId, String outputDir) {
        super(context);
        this.spec = spec;
        this.callId = callId;
        this.outputDir = outputDir;
    }

    /** Also the value of {@link io.jenkins.plugins.mlops.core.container.ContainerLabels#STEP_CALL} on everything this call creates on the Docker host. */
    public String getCallId() {
        return callId;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        step.log().println(PREFIX + "Training " + describeSource() + "; outputs go to "
                + outputDir);
        TrainOnAgent.Outcome outcome = step.workspace().act(new TrainOnAgent(spec, step.listener(), step.env()));
        if (!outcome.succeeded()) {
            step.run().addAction(TrainingAction.failed(callId, spec, outcome));
            throw new AbortException("mlTrain failed (" + outcome.failure() + "): " + outcome.message());
        }
        TrainingResult result = outcome.result();
        TrainingAction action = TrainingAction.succeeded(callId, spec, result, outcome.model());
        step.run().addAction(action);
        step.log().println(PREFIX + "Model: " + outcome.model() + "; metrics: "
                + result.metrics());
        return stepResult(result, outcome.model());
    }

    private String describeSource() {
        if (spec.getDockerfile() != null) {
            return "with an image built from " + spec.getDockerfile();
        }
        return "with image " + spec.getImage();
    }

    /** Plain, serializable types only: Pipeline keeps the value in its program state. */
    private Map<String, Object> stepResult(TrainingResult r, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("modelPath", r.modelPath());
        m.put("metrics", new LinkedHashMap<>(r.metrics()));
        m.put("exitCode", r.exitCode());
        m.put("imageId", r.imageId());
        m.put("duration", r.duration().toMillis());
        m.put("runId", r.runId());
        m.put("outputDir", outputDir);
        m.put("params", new LinkedHashMap<>(r.params()));
        m.put("dataDigest", r.dataDigest());
        return m;
    }
}
