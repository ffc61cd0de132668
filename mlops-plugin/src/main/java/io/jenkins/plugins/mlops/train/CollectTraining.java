package io.jenkins.plugins.mlops.train;

import com.github.dockerjava.api.DockerClient;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.DockerHostCall;
import io.jenkins.plugins.mlops.steps.WorkspacePaths;
import java.io.File;
import java.util.Map;

/**
 * Once the training container has exited: its result as {@link DockerTrainer#train} would have returned it, with the
 * outputs copied into the workspace where the container was prepared. A failed run comes back as an outcome, not an
 * exception, so the controller records it on the build before failing the step.
 */
final class CollectTraining extends DockerHostCall<TrainOnAgent.Outcome> {
    private static final long serialVersionUID = 1L;

    private final TrainingSpec spec;
    private final TaskListener listener;
    private final JobHandle handle;
    private final ContainerRunState ended;

    CollectTraining(TrainingSpec spec, TaskListener listener, Map<String, String> buildEnv, JobHandle handle,
            ContainerRunState ended) {
        super("mlTrain", buildEnv);
        this.spec = spec;
        this.listener = listener;
        this.handle = handle;
        this.ended = ended;
    }

    @Override
    protected TrainOnAgent.Outcome call(DockerClient docker, File workspace) throws InterruptedException {
        try {
            TrainingResult result = new DockerTrainer(docker).collect(spec, handle, ended,
                    new BuildLogSink(listener.getLogger(), MlTrainExecution.PREFIX));
            return TrainOnAgent.Outcome.success(result, WorkspacePaths.relative(workspace, result.modelPath()));
        } catch (ContainerException e) {
            return TrainOnAgent.Outcome.failure(e.getFailure().name(), e.getMessage(), e.getExitCode());
        }
    }
}
