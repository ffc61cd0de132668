package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copying a model out of a workspace for the controller's registry keeps every file, dotfiles included, the layout
 * and the links, and the model's own name. (Both paths are local here; Jenkins streams the same scan as a tar when
 * the workspace is on an agent.)
 */
class ModelTransferTest {

    @TempDir
    Path workspace;

    @TempDir
    Path controller;

    @Test
    void aDirectoryArrivesWholeUnderItsName() throws Exception {
        Path model = Files.createDirectories(workspace.resolve("out/model/sub"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Files.writeString(model.resolve(".gitignore"), "*.tmp");
        Files.writeString(model.resolve("backup~"), "old");
        Files.writeString(workspace.resolve("out/model/config.json"), "{}");
        Files.createSymbolicLink(workspace.resolve("out/model/latest.bin"), Path.of("sub/weights.bin"));

        Path copy = ModelTransfer.copyInto(new FilePath(workspace.resolve("out/model").toFile()), controller);

        assertThat(copy).isEqualTo(controller.resolve("model"));
        assertThat(copy.resolve("sub/weights.bin")).hasContent("w");
        assertThat(copy.resolve("sub/.gitignore")).as("Ant's default excludes do not apply").hasContent("*.tmp");
        assertThat(copy.resolve("sub/backup~")).hasContent("old");
        assertThat(copy.resolve("config.json")).hasContent("{}");
        assertThat(Files.isSymbolicLink(copy.resolve("latest.bin"))).isTrue();
        assertThat(copy.resolve("latest.bin")).hasContent("w");
    }

    @Test
    void aSingleFileArrivesUnderItsName() throws Exception {
        Path file = Files.writeString(Files.createDirectories(workspace.resolve("out")).resolve("model.pkl"), "pickle");

        Path copy = ModelTransfer.copyInto(new FilePath(file.toFile()), controller);

        assertThat(copy).isEqualTo(controller.resolve("model.pkl")).hasContent("pickle");
    }

    @Test
    void nothingToCopyIsAnError() throws Exception {
        Files.createDirectories(workspace.resolve("empty"));

        assertThatThrownBy(() -> ModelTransfer.copyInto(new FilePath(workspace.resolve("empty").toFile()), controller))
                .isInstanceOf(IOException.class).hasMessageStartingWith("no file of ");
    }
}
