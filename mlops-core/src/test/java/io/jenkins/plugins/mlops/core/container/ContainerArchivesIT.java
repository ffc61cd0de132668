package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.command.WaitContainerResultCallback;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading container paths uncompressed over the same transport docker-java uses. */
class ContainerArchivesIT {

    private static DockerClient docker;
    private static String container;

    @BeforeAll
    static void containerWithOutputs() throws Exception {
        docker = DockerClients.connect(System.getenv());
        container = docker.createContainerCmd("mlops-base:bookworm")
                .withLabels(Map.of("io.jenkins.plugins.mlops.test-scenario", UUID.randomUUID().toString()))
                .withCmd("sh", "-c", "mkdir -p /mlops/output/model && echo weights > /mlops/output/model/w.bin"
                        + " && head -c 100000 /dev/zero > /mlops/output/zeros")
                .withNetworkDisabled(true)
                .exec().getId();
        docker.startContainerCmd(container).exec();
        docker.waitContainerCmd(container).exec(new WaitContainerResultCallback()).awaitStatusCode();
    }

    @AfterAll
    static void remove() throws Exception {
        docker.removeContainerCmd(container).withForce(true).exec();
        docker.close();
    }

    @Test
    void archiveIsAPlainTarNamedAfterThePath() throws Exception {
        List<String> names = new ArrayList<>();
        String weights = null;
        try (InputStream in = ContainerArchives.open(docker, container, "/mlops/output");
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                if (e.getName().equals("output/model/w.bin")) {
                    weights = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).contains("output/", "output/model/", "output/model/w.bin", "output/zeros");
        assertThat(weights).isEqualTo("weights\n");
    }

    @Test
    void theDaemonDoesNotCompressWhatWeAskForUncompressed() throws Exception {
        DockerHttpClient http = ContainerArchives.transportOf(docker);
        assertThat(http).as("DockerClients gives the raw transport").isNotNull();
        try (DockerHttpClient.Response identity = http.execute(ContainerArchives.archiveRequest(container, "/mlops/output").build());
             DockerHttpClient.Response plain = http.execute(DockerHttpClient.Request.builder()
                     .method(DockerHttpClient.Request.Method.GET)
                     .path("/containers/" + container + "/archive?path=/mlops/output").build())) {
            // httpclient5 strips Content-Encoding when it inflates, so the body stream is what tells: the default
            // request comes back gzipped and is inflated on our side, ours arrives as the daemon's plain tar.
            assertThat(plain.getBody().getClass().getSimpleName()).contains("Decompressing");
            assertThat(identity.getBody().getClass().getSimpleName()).doesNotContain("Decompressing");
            assertThat(identity.getHeader("Content-Type")).isEqualTo("application/x-tar");
        }
    }

    @Test
    void missingPathIsNotFound() {
        assertThat(catchThrowable(() -> ContainerArchives.open(docker, container, "/no/such/path").close()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("/no/such/path");
    }
}
