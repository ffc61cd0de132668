package io.jenkins.plugins.mlops.deploy;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentRegistry;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.ServingHost;
import io.jenkins.plugins.mlops.core.deploy.StagedRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.BuildLogSink;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the deployment on the machine that holds the workspace, against its Docker Engine: the replicas and the
 * proxy run on that Docker host, and the checks are requests from that machine to their loopback ports. The
 * registry is either opened there (an OCI registry, reached over the network, or a directory when the workspace is
 * on the controller itself) or carried along as a {@link StagedRegistry} (a controller's directory registry), whose
 * writes come back in the {@link Outcome} for the controller to apply.
 *
 * <p>Returns an {@link Outcome} rather than throwing for a refused or failed deployment: the controller records it
 * on the build (and applies the registry writes it made) before failing the step.
 */
final class DeployOnAgent extends MasterToSlaveFileCallable<DeployOnAgent.Outcome> {
    private static final long serialVersionUID = 1L;

    private final DeploymentSpec spec;
    /** Opened on the agent; null when {@link #staged} is given. */
    private final RegistryLocation location;
    private final StagedRegistry staged;
    private final TaskListener listener;
    /** Only the Docker connection variables, the proxy image and the registry credentials cross the channel. */
    private final HashMap<String, String> env;

    DeployOnAgent(DeploymentSpec spec, RegistryLocation location, StagedRegistry staged, TaskListener listener,
            Map<String, String> buildEnv) {
        this.spec = spec;
        this.location = location;
        this.staged = staged;
        this.listener = listener;
        this.env = DockerClients.connectionVariables(buildEnv);
        env.putAll(RegistryLocations.credentials(buildEnv));
        String proxyImage = buildEnv.get(Deployer.PROXY_IMAGE_VARIABLE);
        if (proxyImage != null) {
            env.put(Deployer.PROXY_IMAGE_VARIABLE, proxyImage);
        }
    }

    @Override
    public Outcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return deploy();
    }

    /** Where the workspace is this machine: the deployment runs in the caller's thread. */
    Outcome deploy() throws IOException, InterruptedException {
        BuildLogSink log = new BuildLogSink(listener.getLogger(), MlDeployExecution.PREFIX);
        try {
            // Here, where DOCKER_HOST is what the build's node sees.
            ServingHost.requireLocal(env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlDeploy: " + e.getMessage());
        }
        try (DockerClient docker = DockerClients.connect(env)) {
            Deployer deployer = new Deployer(docker, env.get(Deployer.PROXY_IMAGE_VARIABLE));
            if (staged != null) {
                return run(deployer, staged, log);
            }
            try (ModelRegistry registry = location.open(env)) {
                return run(deployer, DeploymentRegistry.of(registry), log);
            }
        } catch (ContainerException e) {
            return Outcome.failed(e.getFailure().name(), e.getMessage(), null, writes());
        } catch (MlopsArgumentException e) {
            // An unknown version, a missing image, a port in use: found only here, where the Docker host is.
            throw new AbortException("mlDeploy: " + e.getMessage());
        } catch (RegistryException e) {
            throw new AbortException("mlDeploy: " + e.getMessage());
        }
    }

    private Outcome run(Deployer deployer, DeploymentRegistry registry, BuildLogSink log)
            throws IOException, InterruptedException {
        try {
            return Outcome.succeeded(deployer.deploy(spec, registry, log), writes());
        } catch (DeploymentException e) {
            return Outcome.failed(e.getFailure().name(), e.getMessage(), e.getAttempt(), writes());
        }
    }

    private ArrayList<StagedRegistry.Write> writes() {
        return staged == null ? new ArrayList<>() : new ArrayList<>(staged.writes());
    }

    /**
     * What a call did: the result, or why it failed and what it measured; and the registry writes a staged
     * registry kept.
     *
     * @param failure the {@link io.jenkins.plugins.mlops.core.deploy.DeploymentFailure} (or container failure) name
     * @param attempt what a failed attempt measured, or null
     */
    record Outcome(DeploymentResult result, String failure, String message, DeploymentResult attempt,
                   ArrayList<StagedRegistry.Write> writes) implements Serializable {

        static Outcome succeeded(DeploymentResult result, List<StagedRegistry.Write> writes) {
            return new Outcome(result, null, null, null, new ArrayList<>(writes));
        }

        static Outcome failed(String failure, String message, DeploymentResult attempt,
                List<StagedRegistry.Write> writes) {
            return new Outcome(null, failure, message, attempt, new ArrayList<>(writes));
        }

        boolean succeeded() {
            return result != null;
        }
    }
}
