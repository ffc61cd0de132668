package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link rule train and register share: a link inside a model leads to something inside the model and is stored
 * as what it points at; any other link is refused, naming it.
 */
class ModelSourceTest {

    @TempDir
    Path tmp;

    @Test
    void linksInsideTheModelAreStoredAsTheFilesTheyPointAt() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("output/model/epoch3"));
        Files.writeString(model.resolve("best.pt"), "weights");
        Path dir = model.getParent();
        Files.createSymbolicLink(dir.resolve("latest.pt"), Path.of("epoch3/best.pt"));
        Files.createSymbolicLink(dir.resolve("current"), Path.of("epoch3"));

        assertThat(ModelSource.scan(dir)).extracting(ModelSource.SourceFile::path)
                .containsExactly("current/best.pt", "epoch3/best.pt", "latest.pt");

        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        ModelVersion v = r.register(RegistrationRequest.builder().name("linked").modelPath(dir.toString()).build());
        assertThat(v.getFiles()).extracting(ModelFile::getDigest).containsOnly(Digests.sha256("weights".getBytes()));
        Path out = tmp.resolve("pulled");
        r.pull("linked", "latest", out);
        assertThat(out.resolve("latest.pt")).hasContent("weights");
        assertThat(Files.isSymbolicLink(out.resolve("latest.pt"))).as("a pull gives plain files").isFalse();
    }

    @Test
    void aLinkLeadingOutsideTheModelIsRefusedNamingIt() throws Exception {
        Path output = Files.createDirectories(tmp.resolve("output/checkpoints"));
        Files.writeString(output.resolve("best.pt"), "weights");
        Path model = Files.createDirectories(tmp.resolve("output/model"));
        Files.createSymbolicLink(model.resolve("latest.pt"), Path.of("../checkpoints/best.pt"));

        assertThatThrownBy(() -> ModelSource.scan(model))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'model': 'latest.pt' in " + model + " is a symbolic link that leads"
                        + " outside the model directory (to " + output.resolve("best.pt").toRealPath() + "); a link"
                        + " inside a model must point at a file or directory inside it, whose content is then stored"
                        + " in the link's place");
    }

    @Test
    void danglingLinksAndLoopsAreRefused() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("w.bin"), "w");
        Path dangling = Files.createSymbolicLink(model.resolve("gone.bin"), Path.of("nowhere.bin"));
        assertThatThrownBy(() -> ModelSource.scan(model)).hasMessageContaining("'gone.bin' in " + model
                + " is a link to nowhere.bin, which does not exist");
        Files.delete(dangling);

        Files.createDirectories(model.resolve("sub"));
        Files.createSymbolicLink(model.resolve("sub/up"), Path.of(".."));
        assertThatThrownBy(() -> ModelSource.scan(model)).hasMessageContaining("'sub/up' in " + model
                + " is a link to a directory that contains it (a loop)");
    }
}
