package io.jenkins.plugins.mlops.steps;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Work on the Docker Engine the build names, done on the machine that holds the workspace (where
 * {@code DOCKER_HOST}, the local socket and the files are): connects with the build's connection variables and
 * nothing else of its environment, and turns the engine's failures into {@link DockerHostException}s and wrong
 * paths into {@link AbortException}s, which is what crosses the channel back.
 */
public abstract class DockerHostCall<T> extends MasterToSlaveFileCallable<T> {
    private static final long serialVersionUID = 1L;

    /** Only the Docker connection variables: nothing else of the build's environment goes to the agent. */
    private final HashMap<String, String> buildEnv;
    /** As argument errors start: {@code mlTrain}. */
    private final String function;

    protected DockerHostCall(String function, Map<String, String> buildEnv) {
        this.function = function;
        this.buildEnv = DockerClients.connectionVariables(buildEnv);
    }

    @Override
    public final T invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        try (DockerClient docker = DockerClients.connect(buildEnv)) {
            return call(docker, workspace);
        } catch (ContainerException e) {
            throw new DockerHostException(e);
        } catch (MlopsArgumentException e) {
            // e.g. a data path that does not exist: found only here, where the files are.
            throw new AbortException(function + ": " + e.getMessage());
        }
    }

    protected abstract T call(DockerClient docker, File workspace)
            throws ContainerException, IOException, InterruptedException;
}
