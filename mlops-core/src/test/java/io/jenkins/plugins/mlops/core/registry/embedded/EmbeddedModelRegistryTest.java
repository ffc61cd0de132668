package io.jenkins.plugins.mlops.core.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryContract;
import io.jenkins.plugins.mlops.core.registry.SteppingClock;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmbeddedModelRegistryTest extends RegistryContract {

    @Override
    protected ModelRegistry open(SteppingClock clock) throws Exception {
        return new EmbeddedModelRegistry(tmp.resolve("registry"), true, clock);
    }

    @Test
    void aFlippedByteInABlobFailsThePullNamingFileAndBothDigests() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 2, 100_000, 11);
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        ModelVersion v = r.register(request("corrupt_me", model, true).build());
        ModelFile victim = v.getFiles().get(1);
        Path blob = r.blobPath(victim.getDigest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(blob, bytes);
        String actual = io.jenkins.plugins.mlops.core.registry.Digests.sha256(bytes);

        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> r.pull("corrupt_me", "1", out))
                .isInstanceOfSatisfying(DigestMismatchException.class, e -> {
                    assertThat(e.getFile()).isEqualTo(blob.toString());
                    assertThat(e.getExpected()).isEqualTo(victim.getDigest());
                    assertThat(e.getActual()).isEqualTo(actual);
                })
                .hasMessageContaining(victim.getPath()).hasMessageContaining(blob.toString())
                .hasMessageContaining(victim.getDigest()).hasMessageContaining(actual);
        try (var s = Files.walk(out)) {
            assertThat(s.filter(Files::isRegularFile)).as("no half-pulled files are left").isEmpty();
        }
        assertThatThrownBy(() -> r.verify("corrupt_me", 1)).isInstanceOf(DigestMismatchException.class);

        // Registering the same bytes again replaces the damaged blob with a verified copy.
        r.register(request("corrupt_me", model, true).build());
        assertThat(r.verify("corrupt_me", 1).getVersion()).isEqualTo(1);
    }

    @Test
    void registersFilesThatArriveAsStreams() throws Exception {
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        byte[] weights = new byte[5_000_000];
        new java.util.Random(5).nextBytes(weights);
        byte[] config = "{\"layers\": 3}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ModelVersion v = r.register(request("streamed", tmp.resolve("agent/model"), true).alias("candidate").build(),
                java.util.List.of(
                        new io.jenkins.plugins.mlops.core.registry.StreamedFile("weights/w.bin", () -> new java.io.ByteArrayInputStream(weights)),
                        new io.jenkins.plugins.mlops.core.registry.StreamedFile("config.json", () -> new java.io.ByteArrayInputStream(config))));
        assertThat(v.getFiles()).extracting(ModelFile::getPath).containsExactly("config.json", "weights/w.bin");
        assertThat(v.getFiles().get(1).getDigest())
                .isEqualTo(io.jenkins.plugins.mlops.core.registry.Digests.sha256(weights));
        r.pull("streamed", "candidate", tmp.resolve("out"));
        assertThat(Files.readAllBytes(tmp.resolve("out/weights/w.bin"))).isEqualTo(weights);

        assertThatThrownBy(() -> r.register(request("streamed", tmp.resolve("x"), true).build(), java.util.List.of(
                new io.jenkins.plugins.mlops.core.registry.StreamedFile("../escape", () -> new java.io.ByteArrayInputStream(config)))))
                .isInstanceOf(io.jenkins.plugins.mlops.core.MlopsArgumentException.class)
                .hasMessageContaining("'model'").hasMessageContaining("../escape");
        assertThat(r.versions("streamed")).hasSize(1);
    }

    @Test
    void aVersionStoredWhoseAliasesFailSaysSo() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 100, 13);
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        // an alias history that cannot be read: the version is committed before the aliases are written
        Files.createDirectories(tmp.resolve("registry/models/half/aliases.json"));
        assertThatThrownBy(() -> r.register(request("half", model, true).alias("candidate").build()))
                .isInstanceOf(io.jenkins.plugins.mlops.core.registry.RegistryException.class)
                .hasMessageContaining("half v1 was registered").hasMessageContaining("[candidate] could not be pointed");
        assertThat(r.verify("half", 1).getVersion()).isEqualTo(1);
    }

    @Test
    void anEditedVersionRecordIsDetected() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 10, 12);
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        r.register(request("edited", model, true).build());
        Path record = tmp.resolve("registry/models/edited/versions/1/version.json");
        Files.writeString(record, Files.readString(record).replace("0.91", "0.01"));
        assertThatThrownBy(() -> r.get("edited", 1))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(record.toString()).hasMessageContaining("expected sha256:");
    }

    @Test
    void removesStagingDirectoriesOfDeadRegistrationsOnly() throws Exception {
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        Path dead = Files.createDirectories(tmp.resolve("registry/tmp/dead-one"));
        Files.writeString(dead.resolve(".lock"), "");
        Files.write(dead.resolve("blob-0"), new byte[1000]);
        Path noLock = Files.createDirectories(tmp.resolve("registry/tmp/no-lock"));
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(noLock, FileTime.from(Instant.now().minusSeconds(60)));
        Path fresh = Files.createDirectories(tmp.resolve("registry/tmp/fresh"));

        assertThat(r.removeStaleStaging(Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(dead).doesNotExist();
        assertThat(noLock).doesNotExist();
        assertThat(fresh).as("too young to be judged abandoned").exists();
    }
}
