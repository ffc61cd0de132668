package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.DockerClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerClientsIT {

    @Test
    void connectsToTheEngineOfTheEnvironment() throws Exception {
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }

    @Test
    void explicitDockerHostWinsOverTheProcessEnvironment() throws Exception {
        // Whatever this process's environment says, the given socket must be the one used.
        try (DockerClient docker = DockerClients.connect(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"))) {
            assertThat(docker.infoCmd().exec().getServerVersion()).isNotBlank();
        }
    }

    @Test
    void noEngineAtTheAddressIsDaemonUnreachableNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String host = "tcp://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        ContainerException e = catchThrowableOfType(ContainerException.class,
                () -> DockerClients.connect(Map.of("DOCKER_HOST", host)));
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.DAEMON_UNREACHABLE);
        assertThat(e.getMessage()).contains(host).contains("DOCKER_HOST");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void labelsOfARunKeepTheCallersAndCannotLoseTheManagedOnes() {
        Map<String, String> labels = ContainerLabels.forRun("r1", Map.of("team", "x", ContainerLabels.RUN_ID, "forged"));
        assertThat(labels).containsEntry("team", "x").containsEntry(ContainerLabels.MANAGED, "true")
                .containsEntry(ContainerLabels.RUN_ID, "r1");
        assertThat(ContainerLabels.filter(ContainerLabels.RUN_ID, "r1")).isEqualTo("io.jenkins.plugins.mlops.run-id=r1");
    }
}
