package io.jenkins.plugins.mlops.validate;

import com.github.dockerjava.api.DockerClient;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.validate.EvaluationRunner;
import io.jenkins.plugins.mlops.core.validate.EvaluationSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.DockerHostCall;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates the evaluation container on the machine that holds the workspace (the candidate model and the data are
 * local files there), not started: the step starts and follows it, and {@link ValidateOnAgent} collects it.
 */
final class PrepareEvaluation extends DockerHostCall<JobHandle> {
    private static final long serialVersionUID = 1L;

    private final EvaluationSpec evaluation;
    private final TaskListener listener;
    private final String outputDir;
    private final HashMap<String, String> labels;

    /**
     * @param outputDir workspace-relative directory for the evaluation container's outputs
     * @param labels    the controller, build and call labels, so this call's containers can be told from any other
     */
    PrepareEvaluation(EvaluationSpec evaluation, TaskListener listener, Map<String, String> buildEnv, String outputDir,
            Map<String, String> labels) {
        super("mlValidate", buildEnv);
        this.evaluation = evaluation;
        this.listener = listener;
        this.outputDir = outputDir;
        this.labels = new HashMap<>(labels);
    }

    @Override
    protected JobHandle call(DockerClient docker, File workspace) throws ContainerException, InterruptedException {
        EvaluationSpec here = evaluation.on(workspace.getPath(), new File(workspace, outputDir).getPath(), labels);
        return new EvaluationRunner(docker).create(here, new BuildLogSink(listener.getLogger(), MlValidateExecution.PREFIX));
    }
}
