package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerExec;
import io.jenkins.plugins.mlops.core.deploy.proxy.AdminSocket;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyConfig;
import io.jenkins.plugins.mlops.core.deploy.proxy.ProxyException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The proxy's runtime API, reached the only way it can be: {@code socat} inside the proxy container, started through
 * the Engine API's exec, talking to the unix socket. The command line is handed to the shell as an argument, never
 * spliced into the script, so nothing in it is interpreted.
 */
final class ExecAdminSocket implements AdminSocket {

    private static final String SCRIPT = "printf '%s\\n' \"$1\" | socat -t 5 - UNIX-CONNECT:" + HaproxyConfig.ADMIN_SOCKET;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final DockerClient docker;
    private final String containerId;

    ExecAdminSocket(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    @Override
    public String send(String commandLine) throws IOException, InterruptedException {
        ContainerExec.Result r;
        try {
            r = ContainerExec.run(docker, containerId, List.of("sh", "-c", SCRIPT, "sh", commandLine), TIMEOUT);
        } catch (ContainerException e) {
            throw new ProxyException("Could not reach the proxy's runtime API: " + e.getMessage());
        }
        if (!r.ok()) {
            throw new ProxyException("The proxy's runtime API did not answer (socat exited with " + r.exitCode()
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()) + ")");
        }
        return r.stdout();
    }
}
