package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.ServiceStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops status}: what serves on this Docker host, read from the containers' labels and the proxies. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every deployed service (or one): endpoint, the version that serves, its replicas as the proxy"
                + " sees them, and the version kept for a rollback.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:no such service, or no Docker Engine", "2:bad arguments"})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Option(names = "--service", description = "Only this service.")
    String service;
    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ServiceStatus> services;
        try {
            services = ConsoleContainerRun.run("status", err, err, (docker, log) -> new Deployer(docker).status(service));
        } catch (ContainerException e) {
            err.println("mlops status: " + e.getMessage());
            return 1;
        }
        DeploymentOutput.print(out, services, json);
        if (service != null && services.isEmpty()) {
            err.println("mlops status: no service named " + service + " on this Docker host");
            return 1;
        }
        return 0;
    }
}
