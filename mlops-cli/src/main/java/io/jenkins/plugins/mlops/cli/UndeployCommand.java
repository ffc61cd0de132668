package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlops undeploy}: removes a service from the Docker host. */
@Command(name = "undeploy", mixinStandardHelpOptions = true,
        description = "Remove a service: its stable endpoint stops answering, its replicas and proxy are removed;"
                + " the removal is recorded in the model's history.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:removed", "1:no such service, or a failure", "2:bad arguments"})
public final class UndeployCommand extends DeploymentCall {

    /** Removing a service checks nothing: it works on any engine DOCKER_HOST names. */
    @Override
    boolean checksReplicas() {
        return false;
    }

    @Option(names = "--service", required = true, description = "The service to remove (mlops status lists them).")
    String service;
    @Option(names = "--actor", description = "Who removes it (default: $JOB_NAME #$BUILD_NUMBER, else the OS user).")
    String actor;

    @Override
    int deploy(Deployer deployer, ModelRegistry registry, LogSink log, PrintWriter out)
            throws DeploymentException, IOException, InterruptedException {
        Deployer.Undeployed u = deployer.undeploy(service, registry, actor(actor), Duration.ofMinutes(10), Map.of(), log);
        if (json) {
            RegistryOutput.print(out, RegistryOutput.JSON.createObjectNode().put("service", u.service())
                    .put("version", u.version()).put("containers", u.containers()));
        } else {
            out.println("removed " + u.service() + (u.version() == null ? "" : " (it served v" + u.version() + ")"));
        }
        return 0;
    }
}
