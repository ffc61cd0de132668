package io.jenkins.plugins.mlops.train;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.ContainerStepExecution;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import io.jenkins.plugins.mlops.steps.StepReports;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs one {@code mlTrain} call as a container job that survives a controller restart and an agent that reconnects
 * ({@link ContainerStepExecution}): the training container is the Docker host's, this execution keeps what finds it
 * again and follows its log. The agent creates the container ({@link TrainOnAgent}) and, once it has exited, copies
 * its outputs into the workspace and writes the run's report beside them ({@link CollectTraining}); the controller
 * records a {@link TrainingAction}, archives the report ({@link StepReports}) and returns the result.
 */
public final class MlTrainExecution extends ContainerStepExecution {
    private static final long serialVersionUID = 2L;

    static final String PREFIX = "[mlTrain] ";

    private final TrainingSpec spec;
    /** Workspace-relative, with forward slashes, as later steps ({@code archiveArtifacts}...) take paths. */
    private final String outputDir;
    /** The report's title and time; null in an execution saved before reports were archived (it archives none). */
    private final ReportHeading heading;

    MlTrainExecution(StepContext context, TrainingSpec spec, String callId, String outputDir, ReportHeading heading) {
        super(context, callId, spec.getTimeout());
        this.spec = spec;
        this.outputDir = outputDir;
        this.heading = heading;
    }

    @Override
    protected String function() {
        return "mlTrain";
    }

    @Override
    protected String purpose() {
        return "training";
    }

    @Override
    protected JobHandle prepare(StepEnvironment step, FilePath workspace, Map<String, String> labels) throws Exception {
        step.log().println(PREFIX + "Training " + describeSource() + "; outputs go to " + outputDir);
        return workspace.act(new TrainOnAgent(spec, step.listener(), step.env(), labels));
    }

    @Override
    protected Object collect(StepEnvironment step, FilePath workspace, JobHandle handle, ContainerRunState ended)
            throws Exception {
        TrainOnAgent.Outcome outcome = workspace.act(new CollectTraining(spec, step.listener(), step.env(), handle,
                ended, outputDir, heading));
        if (!outcome.succeeded()) {
            throw failed(step, outcome);
        }
        TrainingResult result = outcome.result();
        step.run().addAction(TrainingAction.succeeded(getCallId(), spec, result, outcome.model(), outcome.curves()));
        step.log().println(PREFIX + "Model: " + outcome.model() + "; metrics: " + result.metrics());
        if (outcome.problem() != null) {
            step.log().println(PREFIX + "Could not write the run's record or report beside its outputs ("
                    + outcome.problem() + "); the build's ML report shows the training");
        }
        String report = outcome.report()
                ? StepReports.archive(getContext(), step, PREFIX, outputDir, "train", getCallId()) : null;
        return stepResult(result, outcome.model(), report);
    }

    @Override
    protected Exception failed(StepEnvironment step, String failure, String message, Integer exitCode) {
        return failed(step, TrainOnAgent.Outcome.failure(failure, message, exitCode));
    }

    private Exception failed(StepEnvironment step, TrainOnAgent.Outcome outcome) {
        step.run().addAction(TrainingAction.failed(getCallId(), spec, outcome));
        return new AbortException("mlTrain failed (" + outcome.failure() + "): " + outcome.message());
    }

    private String describeSource() {
        if (spec.getDockerfile() != null) {
            return "with an image built from " + spec.getDockerfile();
        }
        return "with image " + spec.getImage();
    }

    /** Plain, serializable types only: Pipeline keeps the value in its program state. */
    private Map<String, Object> stepResult(TrainingResult r, String model, String report) {
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
        if (report != null) {
            m.put("report", report);
        }
        return m;
    }
}
