package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerLogs;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.ContainerStatus;
import io.jenkins.plugins.mlops.core.container.SmallTar;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyConfig;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyRuntime;
import io.jenkins.plugins.mlops.core.deploy.proxy.ProxyException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's proxy: a long-lived HAProxy container on the Docker host's network that owns the stable endpoint. Its
 * configuration is written in through the archive endpoint (no bind mount) when it is created and after every
 * switch, so that it comes back serving the same replicas after a restart; switches go through its runtime API.
 */
final class ProxyContainer {

    /** The image built offline by scripts/docker-env.sh (HAProxy and socat from Debian). */
    static final String DEFAULT_IMAGE = "mlops-haproxy:bookworm";
    /** HAProxy keeps little state; a limit stops a runaway from hurting the host. */
    private static final long MEMORY_BYTES = 256L << 20;
    private static final long PIDS = 256;
    private static final long READY_MILLIS = 10_000;

    private final DockerClient docker;
    private final String containerId;

    private ProxyContainer(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    /** The running proxy of {@code containerId}. */
    static ProxyContainer of(DockerClient docker, String containerId) {
        return new ProxyContainer(docker, containerId);
    }

    String id() {
        return containerId;
    }

    HaproxyRuntime runtime() {
        return new HaproxyRuntime(new ExecAdminSocket(docker, containerId));
    }

    /**
     * Creates and starts the proxy of {@code service} with {@code config}, and waits until it answers on its
     * runtime API (which it does only once its endpoint is bound).
     *
     * @throws ProxyException with the proxy's last log lines when it does not come up (its port taken, say)
     */
    static ProxyContainer create(DockerClient docker, String imageId, String service, String bind, int port,
            String healthPath, HaproxyConfig config, Map<String, String> extraLabels)
            throws IOException, InterruptedException {
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        labels.put(DeployLabels.SERVICE, service);
        labels.put(DeployLabels.ROLE, DeployLabels.ROLE_PROXY);
        labels.put(DeployLabels.ENDPOINT, endpointLabel(bind, port));
        labels.put(DeployLabels.HEALTH_PATH, healthPath);
        // Ports below 1024 need the one capability that binds them; then HAProxy runs as root in its container,
        // otherwise as its own unprivileged user with no capability at all.
        boolean privilegedPort = port < 1024;
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("host")
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart())
                .withInit(true)
                .withMemory(MEMORY_BYTES).withMemorySwap(MEMORY_BYTES)
                .withPidsLimit(PIDS);
        (privilegedPort ? ContainerPrivileges.adding("port", List.of("NET_BIND_SERVICE"))
                : ContainerPrivileges.leastPrivilege()).applyTo(host);
        String id = docker.createContainerCmd(imageId)
                .withName(DeployLabels.proxyName(service))
                .withLabels(labels)
                .withUser(privilegedPort ? "0:0" : "haproxy")
                .withCmd("haproxy", "-db", "-f", HaproxyConfig.CONFIG_FILE)
                .withHostConfig(host)
                .exec().getId();
        ProxyContainer proxy = new ProxyContainer(docker, id);
        try {
            proxy.writeConfig(config, true);
            docker.startContainerCmd(id).exec();
            proxy.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            String logs = ContainerLogs.recent(docker, id, 20);
            docker.removeContainerCmd(id).withForce(true).exec();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new ProxyException("The proxy for " + endpointLabel(bind, port) + " did not start: "
                    + e.getMessage() + logs);
        }
        return proxy;
    }

    /** Writes the configuration the proxy reads when it (re)starts; with {@code fresh}, also its socket directory. */
    void writeConfig(HaproxyConfig config, boolean fresh) throws IOException, InterruptedException {
        SmallTar tar = new SmallTar();
        if (fresh) {
            tar.directory(HaproxyConfig.CONFIG_DIR.substring(1), 0755)
                    // The socket's directory: HAProxy's user creates the socket (mode 600) in it.
                    .directory(parent(HaproxyConfig.ADMIN_SOCKET).substring(1), 01777);
        }
        tar.file(HaproxyConfig.CONFIG_FILE.substring(1), 0644, config.text()).upload(docker, containerId, "/");
    }

    /** Starts a stopped proxy (stopped by hand, or by a daemon restart without restart policies) and waits for it. */
    void startIfStopped() throws IOException, InterruptedException {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            return; // running
        }
        awaitReady();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (true) {
            String dead = ContainerStatus.whyNotRunning(docker, containerId);
            if (dead != null) {
                throw new ProxyException("HAProxy " + dead);
            }
            try {
                runtime().servers();
                return;
            } catch (ProxyException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new ProxyException("HAProxy did not answer on its runtime API within "
                            + READY_MILLIS / 1000 + " s: " + e.getMessage());
                }
            }
            Thread.sleep(100);
        }
    }

    static String endpointLabel(String bind, int port) {
        return (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
