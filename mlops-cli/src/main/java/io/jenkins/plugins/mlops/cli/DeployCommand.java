package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlops deploy}: what {@code mlDeploy} does in a Pipeline, with the same argument names. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve a registered version behind a stable endpoint: gated, checked directly, switched without"
                + " dropping a request (docs/serving-contract.md).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the version serves", "1:refused (gate, checks, lock) or the engine or registry failed; what"
                + " served still serves", "2:bad arguments"})
public final class DeployCommand extends DeploymentCall {

    @Option(names = "--version", required = true,
            description = "A number (3 or v3), latest, an alias such as candidate, or previous to roll back.")
    String version;
    @Mixin
    DeploymentOptions options;

    @Override
    int deploy(Deployer deployer, ModelRegistry registry, LogSink log, PrintWriter out)
            throws DeploymentException, IOException, InterruptedException {
        DeploymentResult r = deployer.deploy(options.spec(version, actor(options.actor)), registry, log);
        DeploymentOutput.print(out, r, json);
        return 0;
    }
}
