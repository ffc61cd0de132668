package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry location is parsed once, names the setting it came from, and knows its backend and its machine. */
class RegistryLocationTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryIsTheEmbeddedRegistryOnTheMachineThatHoldsIt() throws Exception {
        RegistryLocation location = RegistryLocation.parse("registry", " " + tmp.resolve("r") + " ");
        assertThat(location).isInstanceOf(RegistryLocation.Directory.class);
        assertThat(location.text()).isEqualTo(tmp.resolve("r").toString());
        assertThat(location.site()).isEqualTo(RegistryLocation.Site.REGISTRY_MACHINE);
        try (ModelRegistry r = location.open(Map.of())) {
            assertThat(r).isInstanceOf(EmbeddedModelRegistry.class);
        }
        assertThat(((RegistryLocation.Directory) RegistryLocation.parse("registry", "~/models")).path())
                .isEqualTo(Path.of(System.getProperty("user.home"), "models"));
    }

    @Test
    void anOciUrlIsReachedFromWhereTheModelIs() {
        for (String url : List.of("oci://registry.example.com/ml", "oci+http://10.0.0.1:5000/m", "oci+https://h/m")) {
            RegistryLocation location = RegistryLocation.parse("registry", url);
            assertThat(location).isInstanceOf(RegistryLocation.Oci.class);
            assertThat(location.text()).isEqualTo(url);
            assertThat(location.site()).isEqualTo(RegistryLocation.Site.MODEL_MACHINE);
        }
    }

    @Test
    void aWrongLocationNamesTheSettingItCameFrom() {
        assertThatThrownBy(() -> RegistryLocation.parse("--registry", "ftp://models"))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument '--registry': 'ftp://models' uses an unknown scheme; use a directory or"
                        + " oci://host[:port]/prefix");
        assertThatThrownBy(() -> RegistryLocation.parse("MLOPS_REGISTRY", "oci://user:pw@127.0.0.1/m"))
                .hasMessageStartingWith("Invalid argument 'MLOPS_REGISTRY': do not put credentials in the registry URL");
        assertThatThrownBy(() -> RegistryLocation.parse("registry", " "))
                .hasMessageStartingWith("Invalid argument 'registry': give a directory or an oci://host/prefix URL");
    }

    @Test
    void itSurvivesSerializationToAnAgent() throws Exception {
        for (String text : List.of("/var/lib/models", "oci://127.0.0.1:5000/models")) {
            RegistryLocation location = RegistryLocation.parse("registry", text);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(location);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                RegistryLocation back = (RegistryLocation) in.readObject();
                assertThat(back.text()).isEqualTo(text);
                assertThat(back.site()).isEqualTo(location.site());
            }
        }
    }

    /** Streamed registration is on the interface: the directory stores streams, OCI refuses before reading one. */
    @Test
    void streamedRegistrationIsOnTheInterface() throws Exception {
        RegistrationRequest request = RegistrationRequest.builder().name("m").modelPath("model (streamed)").build();
        List<StreamedFile> files = List.of(new StreamedFile("w.bin",
                () -> new ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8))));
        try (ModelRegistry embedded = RegistryLocation.parse("registry", tmp.resolve("r").toString()).open(Map.of())) {
            ModelVersion v = embedded.register(request, files);
            assertThat(v.getVersion()).isEqualTo(1);
            assertThat(v.getFiles()).extracting(ModelFile::getPath).containsExactly("w.bin");
        }
        Path neverRead = Files.createFile(tmp.resolve("opened"));
        List<StreamedFile> watched = List.of(new StreamedFile("w.bin", () -> {
            Files.delete(neverRead);
            return new ByteArrayInputStream(new byte[0]);
        }));
        try (ModelRegistry oci = RegistryLocation.parse("registry", "oci://127.0.0.1:9/m").open(Map.of())) {
            assertThatThrownBy(() -> oci.register(request, watched))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.REFUSED))
                    .hasMessageContaining("does not take models streamed from another machine");
        }
        assertThat(neverRead).exists();
    }
}
