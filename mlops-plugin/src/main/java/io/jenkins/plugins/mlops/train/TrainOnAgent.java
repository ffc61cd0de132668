package io.jenkins.plugins.mlops.train;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.WorkspacePaths;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the training engine on the machine that holds the workspace, so data paths, the Dockerfile and the output
 * directory are local files there, and {@code DOCKER_HOST} (from the build's environment, e.g. set with
 * {@code withEnv}) is resolved where the build runs.
 *
 * <p>Returns an {@link Outcome} rather than throwing for a failed run: the controller records the failure on the
 * build before failing the step, and nothing engine-specific has to cross the remoting channel as an exception.
 */
final class TrainOnAgent extends MasterToSlaveFileCallable<TrainOnAgent.Outcome> {
    private static final long serialVersionUID = 1L;

    private final TrainingSpec spec;
    private final TaskListener listener;
    /** Only the Docker connection variables: nothing else of the build's environment goes to the agent. */
    private final HashMap<String, String> buildEnv;

    TrainOnAgent(TrainingSpec spec, TaskListener listener, Map<String, String> buildEnv) {
        this.spec = spec;
        this.listener = listener;
        this.buildEnv = DockerClients.connectionVariables(buildEnv);
    }

    @Override
    public Outcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        BuildLogSink log = new BuildLogSink(listener.getLogger(), MlTrainExecution.PREFIX);
        try (DockerClient docker = DockerClients.connect(buildEnv)) {
            TrainingResult result = new DockerTrainer(docker).train(spec, log);
            return Outcome.success(result, WorkspacePaths.relative(workspace, result.modelPath()));
        } catch (ContainerException e) {
            return Outcome.failure(e.getFailure().name(), e.getMessage(), e.getExitCode());
        } catch (MlopsArgumentException e) {
            // e.g. a data path that does not exist: found only here, where the files are.
            throw new AbortException("mlTrain: " + e.getMessage());
        }
    }

    /**
     * What a call produced: a result and the model's workspace-relative path, or why it failed.
     *
     * @param result   the engine's result; null when the run failed
     * @param model    the model's path relative to the workspace, forward slashes; null when the run failed
     * @param failure  the {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name; null on success
     * @param message  the engine's words for the failure; null on success
     * @param exitCode the container's exit code when it ran to an end and failed, else null
     */
    record Outcome(TrainingResult result, String model, String failure, String message, Integer exitCode)
            implements Serializable {

        static Outcome success(TrainingResult result, String model) {
            return new Outcome(result, model, null, null, result.exitCode());
        }

        static Outcome failure(String failure, String message, Integer exitCode) {
            return new Outcome(null, null, failure, message, exitCode);
        }

        boolean succeeded() {
            return result != null;
        }
    }
}
