package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mlops rollback}: {@code mlDeploy version: 'previous'}. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve again the version that served before the current one (the one its alias pointed at"
                + " before its last move): instant while it is kept, otherwise deployed again and checked.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the previous version serves", "1:nothing to roll back to, refused, or a failure",
                "2:bad arguments"})
public final class RollbackCommand extends DeploymentCall {

    @Mixin
    DeploymentOptions options;

    @Override
    int deploy(Deployer deployer, ModelRegistry registry, LogSink log, PrintWriter out)
            throws DeploymentException, IOException, InterruptedException {
        DeploymentResult r = deployer.deploy(options.spec(DeploymentSpec.PREVIOUS, actor(options.actor)), registry, log);
        DeploymentOutput.print(out, r, json);
        return 0;
    }
}
