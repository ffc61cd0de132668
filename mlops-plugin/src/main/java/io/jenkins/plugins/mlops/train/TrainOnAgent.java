package io.jenkins.plugins.mlops.train;

import com.github.dockerjava.api.DockerClient;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.DockerHostCall;
import java.io.File;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates the training container on the machine that holds the workspace, so data paths, the Dockerfile and the
 * output directory are local files there, and {@code DOCKER_HOST} (from the build's environment, e.g. set with
 * {@code withEnv}) is resolved where the build runs. The container is created, not started: the step starts and
 * follows it ({@link MlTrainExecution}). Image building and input copying report to the build log as they go.
 */
final class TrainOnAgent extends DockerHostCall<JobHandle> {
    private static final long serialVersionUID = 2L;

    private final TrainingSpec spec;
    private final TaskListener listener;
    /** The controller, build and call labels the container carries besides the spec's. */
    private final HashMap<String, String> labels;

    TrainOnAgent(TrainingSpec spec, TaskListener listener, Map<String, String> buildEnv) {
        this(spec, listener, buildEnv, Map.of());
    }

    TrainOnAgent(TrainingSpec spec, TaskListener listener, Map<String, String> buildEnv, Map<String, String> labels) {
        super("mlTrain", buildEnv);
        this.spec = spec;
        this.listener = listener;
        this.labels = new HashMap<>(labels);
    }

    @Override
    protected JobHandle call(DockerClient docker, File workspace) throws ContainerException, InterruptedException {
        return new DockerTrainer(docker).create(spec, labels, new BuildLogSink(listener.getLogger(), MlTrainExecution.PREFIX));
    }

    /**
     * What a training produced: a result and the model's workspace-relative path, or why it failed.
     *
     * @param result   the engine's result; null when the run failed
     * @param model    the model's path relative to the workspace, forward slashes; null when the run failed
     * @param failure  the {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name; null on success
     * @param message  the engine's words for the failure; null on success
     * @param exitCode the container's exit code when it ran to an end and failed, else null
     * @param curves   the learning curves of the training's history; null when it wrote none
     * @param report   whether the run's report was written beside its outputs
     * @param problem  why the run's record or report could not be written, else null
     */
    record Outcome(TrainingResult result, String model, String failure, String message, Integer exitCode,
            TrainingAction.Curves curves, boolean report, String problem) implements Serializable {

        static Outcome success(TrainingResult result, String model, TrainingAction.Curves curves, boolean report,
                String problem) {
            return new Outcome(result, model, null, null, result.exitCode(), curves, report, problem);
        }

        static Outcome failure(String failure, String message, Integer exitCode) {
            return new Outcome(null, null, failure, message, exitCode, null, false, null);
        }

        boolean succeeded() {
            return result != null;
        }
    }
}
