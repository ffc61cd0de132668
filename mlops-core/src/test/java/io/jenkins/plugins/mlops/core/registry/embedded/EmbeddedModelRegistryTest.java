package io.jenkins.plugins.mlops.core.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryContract;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.SteppingClock;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    void oneDamagedRecordIsMarkedAndTheOtherVersionsAreStillListed() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 100, 14);
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        for (int i = 0; i < 3; i++) {
            r.register(request("damaged", model, true).build());
        }
        Path record = tmp.resolve("registry/models/damaged/versions/2/version.json");
        Files.writeString(record, "{ not json");

        List<ListedVersion> listed = r.listVersions("damaged");
        assertThat(listed).extracting(ListedVersion::getNumber).containsExactly(1, 2, 3);
        assertThat(listed).extracting(ListedVersion::isReadable).containsExactly(true, false, true);
        assertThat(listed.get(1).getProblem()).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(record.toString());
        assertThat(listed.get(2).getVersion().getVersion()).isEqualTo(3);
        // show and pull of the damaged version still fail, with the same words
        assertThatThrownBy(() -> r.get("damaged", 2)).isInstanceOf(DigestMismatchException.class)
                .hasMessage(listed.get(1).getProblem().getMessage());
        assertThatThrownBy(() -> r.pull("damaged", "v2", tmp.resolve("out"))).isInstanceOf(DigestMismatchException.class);
        assertThat(r.pull("damaged", "v3", tmp.resolve("out3")).getVersion()).isEqualTo(3);
    }

    @Test
    void aDeletedVersionIsReportedAndItsNumberIsNeverGivenAgain() throws Exception {
        Path model = TestModels.write(tmp.resolve("m"), 1, 100, 15);
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(tmp.resolve("registry"));
        r.register(request("holes", model, true).build());
        r.register(request("holes", model, true).build());
        r.register(request("holes", model, true).alias("production").build());
        StagingArea.deleteTree(tmp.resolve("registry/models/holes/versions/2"));
        StagingArea.deleteTree(tmp.resolve("registry/models/holes/versions/3"));

        List<ListedVersion> listed = r.listVersions("holes");
        assertThat(listed).extracting(ListedVersion::getNumber).containsExactly(1, 2, 3);
        assertThat(listed.get(1).getProblem().getKind()).isEqualTo(RegistryException.Kind.CORRUPT);
        assertThat(listed.get(1).getProblem()).hasMessageContaining("Version 2 of holes is missing from")
                .hasMessageContaining("was deleted");
        // the alias does not pass to a new owner: the next number is 4, and production still names the lost v3
        assertThat(r.register(request("holes", model, true).build()).getVersion()).isEqualTo(4);
        assertThatThrownBy(() -> r.resolve("holes", "production"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.CORRUPT))
                .hasMessageContaining("Version 3 of holes is missing");
        assertThatThrownBy(() -> r.get("holes", 5))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.NOT_FOUND))
                .hasMessageContaining("has no version 5");
    }

    @Test
    void readingARegistryThatDoesNotExistSaysSoAndCreatesNothing() throws Exception {
        Path typo = tmp.resolve("no/such/registry");
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(typo);
        String noRegistry = "No model registry exists at " + typo + ": the directory does not exist";
        assertThat(r.exists()).isFalse();
        assertThatThrownBy(r::list).isInstanceOf(RegistryException.class).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.listVersions("m")).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.get("m", 1)).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.resolve("m", "production")).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.aliasHistory("m", null)).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.setAlias("m", "production", 1, false, "me")).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.rollback("m", "production", "me")).hasMessageStartingWith(noRegistry);
        assertThatThrownBy(() -> r.pull("m", "latest", tmp.resolve("out"))).hasMessageStartingWith(noRegistry);
        assertThat(r.versions("m")).isEmpty();
        assertThat(r.latestVersion("m")).isEmpty();
        assertThat(tmp.resolve("no")).as("no reading call created anything").doesNotExist();

        r.register(request("m", TestModels.write(tmp.resolve("m"), 1, 10, 16), true).build());
        assertThat(r.exists()).isTrue();
        assertThat(r.list()).extracting(s -> s.getName()).containsExactly("m");
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
