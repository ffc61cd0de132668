package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference check agrees with the real Docker Engine: asked to create a container from each reference (none of
 * these images exists; one that did would be created, removed at once, and fail the test), the engine answers 404
 * "no such image" for the ones the check accepts and 400 "invalid reference format" for the ones it refuses. So a
 * step refuses at its start exactly what the engine would refuse after a build or an upload.
 */
class ImageReferencesIT {

    /** Names that are not hex: the engine would take "a" or "0123ab" as the prefix of an image id it holds. */
    static List<String> references() {
        return List.of("mlops-test-none", "mlops-test-none:train", "mlops-test/none:1.0-rc.1", "m", "m__b.c-d",
                "localhost/a", "localhost:5000/team/model:v2", "registry.example.org:443/a/b/c:latest",
                "a@sha256:" + "0".repeat(64), "a:b@sha256:" + "f".repeat(64), "sha256:" + "9".repeat(64),
                "Movie-Predictor", "team/Model", "a:", ":tag", "a::b", "-a", "a-", "a..b", "a:-tag", "a:t/x",
                "a@sha256:short", "a/", "/a", "a//b", "a b", "a:" + "t".repeat(129), "host_name:5000/a",
                "UPPER.example.org/a");
    }

    @ParameterizedTest
    @MethodSource("references")
    void acceptsWhatTheEngineParsesAndRefusesWhatItDoesNot(String reference) throws Exception {
        DockerClient docker = DockerClients.connect(System.getenv());
        Throwable engine = catchThrowable(() -> {
            String created = docker.createContainerCmd(reference)
                    .withLabels(Map.of("io.jenkins.plugins.mlops.test-scenario", "image-references")).exec().getId();
            docker.removeContainerCmd(created).withForce(true).exec();
        });
        assertThat(engine).as("the engine's answer to %s", reference)
                .isInstanceOfAny(NotFoundException.class, BadRequestException.class);
        boolean engineParses = engine instanceof NotFoundException;
        assertThat(ImageReferences.problem(reference)).as(reference + " (engine: " + engine.getMessage() + ")")
                .matches(p -> engineParses == (p == null), engineParses ? "accepted" : "refused");
    }
}
