package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.core.deploy.ServingHost;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What the deployment commands share beside the registry: a connection to the Docker Engine the environment names,
 * progress on stderr, Ctrl-C handled as an abort (whatever the deployment started is removed before the JVM exits),
 * and refusals as exit code 1 with the reason.
 */
abstract class DeploymentCall extends RegistryCall {

    /** Does the work with a deployer on the engine; returns the exit code. */
    abstract int deploy(Deployer deployer, ModelRegistry registry, LogSink log, PrintWriter out)
            throws DeploymentException, IOException, InterruptedException;

    /**
     * Whether the command checks replicas over this machine's loopback (deploy and rollback do), so that the engine
     * must be this machine's own ({@link ServingHost}).
     */
    boolean checksReplicas() {
        return true;
    }

    @Override
    final int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (checksReplicas()) {
            ServingHost.requireLocal(environment);
        }
        try {
            return ConsoleContainerRun.run(spec.name(), err, err, (docker, log) ->
                    deploy(new Deployer(docker, environment.get(Deployer.PROXY_IMAGE_VARIABLE)), registry, log, out));
        } catch (DeploymentException e) {
            err.println("mlops " + spec.name() + " failed (" + e.getFailure() + "): " + e.getMessage());
            return FAILED;
        } catch (ContainerException e) {
            err.println("mlops " + spec.name() + ": " + e.getMessage());
            return FAILED;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot happen: deploy throws nothing else", e);
        }
    }
}
