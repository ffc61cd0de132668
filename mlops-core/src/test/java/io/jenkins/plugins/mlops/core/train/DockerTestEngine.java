package io.jenkins.plugins.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real Docker Engine the tests run against, and a per-scenario label that finds exactly what a scenario
 * created. Tests fail (never skip) when no engine answers.
 */
final class DockerTestEngine {

    static final String BASE_IMAGE = "mlops-base:bookworm";
    static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";

    private static DockerClient client;

    private DockerTestEngine() {
    }

    static synchronized DockerClient docker() throws ContainerException {
        if (client == null) {
            client = DockerClients.connect(System.getenv());
        }
        return client;
    }

    /** A trainer that keeps the created container as the engine stored it, looked at before it starts. */
    static DockerTrainer inspecting(AtomicReference<InspectContainerResponse> seen) throws ContainerException {
        return new DockerTrainer(docker()).beforeStart(id -> {
            try {
                seen.set(docker().inspectContainerCmd(id).exec());
            } catch (ContainerException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One scenario: a unique label, a work directory and an output directory below the test's temp dir. */
    static final class Scenario {
        final String label = UUID.randomUUID().toString();
        final Path workDir;
        final Path outputDir;
        final RecordingLog log = new RecordingLog();

        Scenario(Path tempDir) throws IOException {
            this.workDir = Files.createDirectories(tempDir.resolve("ws-" + label.substring(0, 8)));
            this.outputDir = workDir.resolve("out");
        }

        TrainingSpec.Builder spec() {
            return TrainingSpec.builder()
                    .image(BASE_IMAGE)
                    .workDir(workDir.toString())
                    .outputDir(outputDir.toString())
                    .label(TEST_LABEL, label);
        }

        List<Container> containers() throws ContainerException {
            return docker().listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(TEST_LABEL + "=" + label)).exec();
        }

        List<InspectVolumeResponse> volumes() throws ContainerException {
            List<InspectVolumeResponse> v = docker().listVolumesCmd()
                    .withFilter("label", List.of(TEST_LABEL + "=" + label)).exec().getVolumes();
            return v == null ? List.of() : v;
        }

        void assertNothingLeft() throws ContainerException {
            assertThat(containers()).as("containers left by scenario " + label).isEmpty();
            assertThat(volumes()).as("volumes left by scenario " + label).isEmpty();
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(DockerTestEngine.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
