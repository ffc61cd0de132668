package io.jenkins.plugins.mlops.core.deploy;

import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.docker;
import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.get;
import static io.jenkins.plugins.mlops.core.deploy.DeployTestEngine.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.container.ContainerExec;
import io.jenkins.plugins.mlops.core.container.ContainerStatus;
import io.jenkins.plugins.mlops.core.deploy.load.LoadReport;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a serving container gets and may do (docs/serving-contract.md), seen from inside it and from the engine:
 * the exact files, the variables, an unprivileged user without capabilities, limits and a restart policy; a proxy
 * bound to loopback whose admin socket is only reachable through exec; and a replica that crashes is restarted by
 * the engine while the proxy keeps every request on the others.
 */
class ServingContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void replicasRunUnprivilegedWithTheVersionsFilesAndSurviveACrashWithoutAFailedRequest() throws Exception {
        try (DeployTestEngine.Scenario s = new DeployTestEngine.Scenario(tmp)) {
            ModelVersion v1 = s.register("contract", "{}", true);
            int port = DeployTestEngine.freePort();
            Deployer deployer = new Deployer(docker());
            DeploymentResult r = deployer.deploy(s.spec("contract", "1", port).replicas(2).memoryBytes(256L << 20)
                    .cpus(0.5).env(Map.of("EXTRA", "yes")).build(), s.registry, s.log);
            assertThat(r.replicas()).hasSize(2);

            ServiceStatus status = deployer.status(s.service).get(0);
            assertThat(status.replicas()).extracting(ServiceStatus.Replica::proxyStatus).containsOnly("UP");
            int replicaPort = status.replicas().get(0).port();
            assertThat(replicaPort).isBetween(ReplicaPorts.LOW, ReplicaPorts.HIGH).isNotEqualTo(port);

            JsonNode inside = JSON.readTree(get(replicaPort, "/whoami").body());
            assertThat(inside.path("uid").asInt()).isEqualTo(65534);
            assertThat(inside.path("gid").asInt()).isEqualTo(65534);
            assertThat(inside.path("caps").path("CapEff").asText()).isEqualTo("0000000000000000");
            assertThat(inside.path("caps").path("NoNewPrivs").asText()).isEqualTo("1");
            assertThat(inside.path("modelDirWritable").asBoolean()).isFalse();
            JsonNode files = inside.path("files");
            assertThat(files.fieldNames()).toIterable().containsExactlyInAnyOrder("behaviour.json", "weights/w.txt");
            for (var f : v1.getFiles()) {
                assertThat(files.path(f.getPath()).path("size").asLong()).isEqualTo(f.getSize());
                assertThat(files.path(f.getPath()).path("uid").asInt()).isZero();
                assertThat(files.path(f.getPath()).path("mode").asText()).isEqualTo("0o644");
            }
            JsonNode env = inside.path("env");
            assertThat(env.path("MLOPS_MODEL_DIR").asText()).isEqualTo("/mlops/model");
            assertThat(env.path("MLOPS_MODEL_NAME").asText()).isEqualTo("contract");
            assertThat(env.path("MLOPS_MODEL_VERSION").asText()).isEqualTo("1");
            assertThat(env.path("MLOPS_MODEL_DIGEST").asText()).isEqualTo(v1.getDigest());
            assertThat(env.path("MLOPS_HOST").asText()).isEqualTo("127.0.0.1");
            assertThat(env.path("MLOPS_PORT").asText()).isEqualTo(Integer.toString(replicaPort));
            assertThat(env.path("MLOPS_SERVICE").asText()).isEqualTo(s.service);
            assertThat(env.path("EXTRA").asText()).isEqualTo("yes");

            InspectContainerResponse replica = docker().inspectContainerCmd(r.replicas().get(0)).exec();
            HostConfig host = replica.getHostConfig();
            assertThat(host.getNetworkMode()).isEqualTo("host");
            assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
            assertThat(host.getCapAdd()).isNullOrEmpty();
            assertThat(host.getPrivileged()).isFalse();
            assertThat(host.getSecurityOpts()).contains("no-new-privileges");
            assertThat(host.getMemory()).isEqualTo(256L << 20);
            assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
            assertThat(host.getPidsLimit()).isEqualTo(io.jenkins.plugins.mlops.core.container.ResourceLimits.DEFAULT_PIDS_LIMIT);
            assertThat(host.getRestartPolicy().getName()).isEqualTo("unless-stopped");
            assertThat(host.getBinds()).as("no bind mounts").isNullOrEmpty();
            assertThat(replica.getConfig().getLabels()).containsEntry(DeployLabels.SERVICE, s.service)
                    .containsEntry(DeployLabels.MODEL, "contract").containsEntry(DeployLabels.VERSION, "1")
                    .containsEntry(DeployLabels.ROLE, DeployLabels.ROLE_REPLICA)
                    .containsEntry(DeployLabels.DEPLOYED_BY, "test #1");

            InspectContainerResponse proxy = docker().inspectContainerCmd(DeployLabels.proxyName(s.service)).exec();
            assertThat(proxy.getConfig().getUser()).isEqualTo("haproxy");
            assertThat(proxy.getHostConfig().getCapDrop()).containsExactly(Capability.ALL);
            assertThat(proxy.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
            String config = ContainerExec.run(docker(), proxy.getId(), List.of("cat", "/etc/mlops-proxy/haproxy.cfg"),
                    Duration.ofSeconds(10)).stdout();
            assertThat(config).contains("bind 127.0.0.1:" + port)
                    .contains("stats socket /run/mlops/admin.sock mode 600 level admin")
                    .doesNotContain("ipv4@").doesNotContain("stats bind")
                    .contains("server " + r.replicas().get(0) + " 127.0.0.1:");

            // A replica dies; the engine restarts it and the proxy sends every request to the other meanwhile.
            LoadReport crash;
            try (SteadyLoad load = SteadyLoad.start(port)) {
                Thread.sleep(300);
                try {
                    post(replicaPort, "/crash", "");
                } catch (java.io.IOException expected) {
                    // the process died mid-request
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (ContainerStatus.inspect(docker(), r.replicas().get(0)).orElseThrow().restartCount() < 1
                        || !"UP".equals(deployer.status(s.service).get(0).replicas().get(0).proxyStatus())) {
                    assertThat(System.nanoTime()).as("the crashed replica comes back").isLessThan(deadline);
                    Thread.sleep(100);
                }
                crash = load.stop();
            }
            assertThat(crash.failures()).as("requests failed while a replica crashed").isEmpty();

            // The proxy restarts (as after a daemon restart) from the configuration written at the last switch.
            docker().restartContainerCmd(proxy.getId()).withTimeout(1).exec();
            long back = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    if (post(port, "/predict", "{}").statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // the proxy is still starting
                }
                assertThat(System.nanoTime()).as("the restarted proxy serves again").isLessThan(back);
                Thread.sleep(100);
            }
            assertThat(deployer.status(s.service).get(0).serving()).isTrue();
        }
    }
}
