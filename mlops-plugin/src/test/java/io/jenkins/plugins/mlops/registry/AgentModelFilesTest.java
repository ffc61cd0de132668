package io.jenkins.plugins.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.StreamedFile;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model on an agent reaches the controller's directory registry as streams, listed by the registry's own rules:
 * registering the streams stores exactly what registering the directory in place stores. (Both paths are local
 * here; Jenkins streams {@code FilePath.read()} over the channel when the workspace is on an agent.)
 */
class AgentModelFilesTest {

    @TempDir
    Path workspace;

    @TempDir
    Path registryDir;

    @Test
    void aDirectoryIsListedWithEveryFileAndRegistersAsInPlace() throws Exception {
        Path model = Files.createDirectories(workspace.resolve("out/model/sub"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Files.writeString(model.resolve(".gitignore"), "*.tmp");
        Files.writeString(workspace.resolve("out/model/config.json"), "{}");

        List<StreamedFile> files = AgentModelFiles.of(new FilePath(workspace.resolve("out/model").toFile()));

        assertThat(files).extracting(StreamedFile::path)
                .containsExactly("config.json", "sub/.gitignore", "sub/weights.bin");
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(registryDir)) {
            ModelVersion streamed = registry.register(request("streamed", "out/model"), files);
            ModelVersion inPlace = registry.register(request("in_place", workspace.resolve("out/model").toString()));
            assertThat(streamed.getFiles()).isEqualTo(inPlace.getFiles());
            assertThat(streamed.getFiles()).extracting(ModelFile::getSize).containsExactly(2L, 5L, 1L);
        }
    }

    @Test
    void aSingleFileIsListedUnderItsName() throws Exception {
        Path file = Files.writeString(Files.createDirectories(workspace.resolve("out")).resolve("model.pkl"), "pickle");

        List<StreamedFile> files = AgentModelFiles.of(new FilePath(file.toFile()));

        assertThat(files).extracting(StreamedFile::path).containsExactly("model.pkl");
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(registryDir)) {
            assertThat(registry.register(request("pickled", "out/model.pkl"), files).totalSize()).isEqualTo(6);
        }
    }

    @Test
    void linksOutOfTheModelAndEmptyModelsAreRefusedNamingModel() throws Exception {
        Path model = Files.createDirectories(workspace.resolve("linked"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Files.writeString(workspace.resolve("elsewhere.bin"), "x");
        // the link rule train and register share: a link inside the model is streamed as what it points at...
        Files.createSymbolicLink(model.resolve("latest.bin"), Path.of("weights.bin"));
        assertThat(AgentModelFiles.of(new FilePath(model.toFile()))).extracting(StreamedFile::path)
                .containsExactly("latest.bin", "weights.bin");
        // ...and a link out of it is refused
        Files.createSymbolicLink(model.resolve("outside.bin"), Path.of("../elsewhere.bin"));
        Files.createDirectories(workspace.resolve("empty"));

        assertThatThrownBy(() -> AgentModelFiles.of(new FilePath(model.toFile())))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlRegister: Invalid argument 'model': 'outside.bin' in ")
                .hasMessageContaining("is a symbolic link that leads outside the model directory");
        assertThatThrownBy(() -> AgentModelFiles.of(new FilePath(workspace.resolve("empty").toFile())))
                .isInstanceOf(AbortException.class).hasMessageContaining("is an empty directory");
    }

    private static RegistrationRequest request(String name, String path) {
        return RegistrationRequest.builder().name(name).modelPath(path).build();
    }
}
