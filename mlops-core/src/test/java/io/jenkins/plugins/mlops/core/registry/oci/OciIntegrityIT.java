package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException.Kind;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another client with push or delete rights can do to an OCI registry, done with a raw client against a real
 * distribution registry: move a version tag, delete a version, push other tools' artifacts next to (and inside) our
 * models. The registry must notice each, say so in words naming repository and tag, and keep serving the rest.
 */
class OciIntegrityIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final RawOciClient raw = new RawOciClient(REGISTRY);
    private final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String location = REGISTRY.location(prefix);

    private ModelRegistry open() throws Exception {
        return ModelRegistries.open(location, REGISTRY.env());
    }

    private ModelVersion register(ModelRegistry r, String name, double rmse, String... aliases) throws Exception {
        Path model = TestModels.write(tmp.resolve("m-" + UUID.randomUUID()), 1, 500, (long) (rmse * 1000));
        return r.register(RegistrationRequest.builder().name(name).modelPath(model.toString())
                .metrics(Map.of("rmse", rmse)).gate(GateRecord.of(true, null)).aliases(List.of(aliases)).build());
    }

    @Test
    void aMovedVersionTagIsTamperingAndIsNeverRead() throws Exception {
        try (ModelRegistry r = open()) {
            register(r, "movie_predictor", 0.91);
            ModelVersion v2 = register(r, "movie_predictor", 0.90, "production");
            String repo = prefix + "/movie_predictor";

            // A consistent, well-formed manifest whose record claims rmse=0.01, pushed over tag v2
            ObjectNode manifest = (ObjectNode) JSON.readTree(raw.getManifest(repo, "v2"));
            ObjectNode annotations = (ObjectNode) manifest.path("annotations");
            ObjectNode record = (ObjectNode) JSON.readTree(annotations.path(OciArtifacts.MLOPS_RECORD).asText());
            ((ObjectNode) record.path("metrics")).put("rmse", 0.01);
            annotations.put(OciArtifacts.MLOPS_RECORD, JSON.writeValueAsString(record));
            String forged = raw.putManifest(repo, "v2", JSON.writeValueAsString(manifest));
            assertThat(raw.tagDigest(repo, "production")).as("the alias mirror still holds the original")
                    .isEqualTo(v2.getDigest());

            String moved = "Tag v2 of " + repo + " in " + location + " was moved: the model's history pins v2 to "
                    + v2.getDigest() + ", but the tag now points at " + forged + ". A registered version never"
                    + " changes, so this is tampering";
            assertThatThrownBy(() -> r.get("movie_predictor", 2))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getKind()).isEqualTo(Kind.CORRUPT))
                    .hasMessageStartingWith(moved);
            assertThatThrownBy(() -> r.resolve("movie_predictor", "production")).hasMessageStartingWith(moved);
            assertThatThrownBy(() -> r.pull("movie_predictor", "v2", tmp.resolve("out"))).hasMessageStartingWith(moved);
            assertThatThrownBy(() -> r.versions("movie_predictor")).hasMessageStartingWith(moved);
            List<ListedVersion> listed = r.listVersions("movie_predictor");
            assertThat(listed).extracting(ListedVersion::isReadable).containsExactly(true, false);
            assertThat(listed.get(1).getProblem()).hasMessageStartingWith(moved);
            assertThat(r.get("movie_predictor", 1).getMetrics()).containsEntry("rmse", 0.91);
        }
    }

    @Test
    void aDeletedVersionIsReportedItsNumberIsNotReusedAndItsAliasPassesToNobody() throws Exception {
        try (ModelRegistry r = open()) {
            register(r, "churn", 0.91);
            ModelVersion v2 = register(r, "churn", 0.90, "production");
            String repo = prefix + "/churn";
            raw.deleteManifest(repo, v2.getDigest());
            assertThat(raw.tagDigest(repo, "v2")).isNull();

            ModelVersion next = register(r, "churn", 0.95);
            assertThat(next.getVersion()).as("numbers come from the history, not from the tags left").isEqualTo(3);
            assertThat(r.aliases("churn")).containsEntry("production", 2);
            assertThat(r.aliasHistory("churn", "production")).extracting(e -> e.getToVersion()).containsExactly(2);

            String gone = "Version 2 of churn is gone from " + location + ": its history pins it to manifest "
                    + v2.getDigest() + " of " + repo + ", which the registry no longer has";
            assertThatThrownBy(() -> r.resolve("churn", "production"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getKind()).isEqualTo(Kind.CORRUPT))
                    .hasMessageStartingWith(gone);
            List<ListedVersion> listed = r.listVersions("churn");
            assertThat(listed).extracting(ListedVersion::getNumber).containsExactly(1, 2, 3);
            assertThat(listed).extracting(ListedVersion::isReadable).containsExactly(true, false, true);
            assertThat(listed.get(1).getProblem()).hasMessageStartingWith(gone);
            assertThat(r.latestVersion("churn")).contains(3);
            assertThat(r.list()).filteredOn(s -> s.getName().equals("churn")).singleElement()
                    .satisfies(s -> assertThat(s.getVersionCount()).isEqualTo(3));
        }
    }

    @Test
    void foreignContentIsNamedAsSuchAndTheRestIsListed() throws Exception {
        try (ModelRegistry r = open()) {
            ModelVersion ours = register(r, "ours", 0.9, "production");
            register(r, "broken_history", 0.9);
            // a ModelPack model pushed by another tool, an OCI index, a config that is not JSON
            String layer = raw.putBlob(prefix + "/foreign_pack", "weights".getBytes(StandardCharsets.UTF_8));
            String packConfig = raw.putBlob(prefix + "/foreign_pack", ("{\"descriptor\":{\"name\":\"x\"},\"config\":{},"
                    + "\"modelfs\":{\"type\":\"layers\",\"diffIds\":[\"" + layer + "\"]}}").getBytes(StandardCharsets.UTF_8));
            raw.putManifest(prefix + "/foreign_pack", "v1", manifest(OciArtifacts.MODEL_ARTIFACT,
                    OciArtifacts.MODEL_CONFIG, packConfig, layer));
            String garbage = raw.putBlob(prefix + "/garbage", "not json at all".getBytes(StandardCharsets.UTF_8));
            raw.putManifest(prefix + "/garbage", "v1", manifest(OciArtifacts.MODEL_ARTIFACT, OciArtifacts.MODEL_CONFIG,
                    garbage, garbage));
            String empty = raw.putBlob(prefix + "/indexed", OciArtifacts.EMPTY_JSON);
            String image = raw.putManifest(prefix + "/indexed", "image", manifest(null, OciArtifacts.EMPTY_CONFIG, empty, empty));
            raw.putManifest(prefix + "/indexed", "v1", OciArtifacts.INDEX, ("{\"schemaVersion\":2,\"mediaType\":\""
                    + OciArtifacts.INDEX + "\",\"manifests\":[{\"mediaType\":\"" + OciArtifacts.MANIFEST + "\",\"digest\":\""
                    + image + "\",\"size\":" + raw.size(image) + "}]}")
                    .getBytes(StandardCharsets.UTF_8));
            // an unreadable history in one model of ours, and another tool's tag v9 inside another
            String bad = raw.putBlob(prefix + "/broken_history", "{ torn".getBytes(StandardCharsets.UTF_8));
            raw.putBlob(prefix + "/broken_history", OciArtifacts.EMPTY_JSON);
            raw.putManifest(prefix + "/broken_history", OciArtifacts.HISTORY_TAG, OciArtifacts.MANIFEST,
                    OciArtifacts.historyManifest(bad, 6));
            raw.putManifest(prefix + "/ours", "v9", manifest(null, OciArtifacts.EMPTY_CONFIG,
                    raw.putBlob(prefix + "/ours", OciArtifacts.EMPTY_JSON), raw.putBlob(prefix + "/ours", OciArtifacts.EMPTY_JSON)));

            List<ModelSummary> models = r.list();
            assertThat(models).extracting(ModelSummary::getName)
                    .containsExactly("broken_history", "foreign_pack", "garbage", "indexed", "ours");
            assertThat(models.get(4).isReadable()).isTrue();
            assertThat(models.get(4).getAliases()).containsEntry("production", 1);
            assertThat(models.get(0).getProblem().getKind()).isEqualTo(Kind.CORRUPT);
            assertThat(models.get(0).getProblem()).hasMessageContaining("The history of model broken_history ("
                    + prefix + "/broken_history:mlops.aliases in " + location + ") is not valid JSON");
            for (int i = 1; i <= 3; i++) {
                String repo = prefix + "/" + models.get(i).getName();
                assertThat(models.get(i).getProblem().getKind()).isEqualTo(Kind.FOREIGN);
                assertThat(models.get(i).getProblem()).hasMessage(repo + " in " + location + " is not a model registered"
                        + " by mlops: the repository has no mlops history (tag mlops.aliases); its tags are "
                        + (models.get(i).getName().equals("indexed") ? "image, v1" : "v1"));
            }

            for (String name : List.of("foreign_pack", "garbage", "indexed")) {
                assertThatThrownBy(() -> r.get(name, 1))
                        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getKind()).isEqualTo(Kind.FOREIGN))
                        .hasMessageStartingWith(prefix + "/" + name + ":v1 in " + location
                                + " is not a model registered by mlops: the repository has no mlops history");
                assertThatThrownBy(() -> r.resolve(name, "latest")).hasMessageContaining("is not a model registered by mlops");
            }
            assertThatThrownBy(() -> r.register(RegistrationRequest.builder().name("foreign_pack")
                    .modelPath(TestModels.write(tmp.resolve("fp"), 1, 10, 1).toString()).build()))
                    .hasMessageContaining("is not a model registered by mlops");

            List<ListedVersion> listed = r.listVersions("ours");
            assertThat(listed).extracting(ListedVersion::getNumber).containsExactly(1, 9);
            assertThat(listed.get(0).getVersion().getDigest()).isEqualTo(ours.getDigest());
            assertThat(listed.get(1).isForeign()).isTrue();
            assertThat(listed.get(1).getProblem()).hasMessageStartingWith(prefix + "/ours:v9 in " + location
                    + " is not a version registered by mlops: v9 is not in the model's history");
            assertThat(r.versions("ours")).as("another tool's tag is not a version of ours").hasSize(1);
            assertThatThrownBy(() -> r.get("ours", 9)).hasMessageStartingWith(prefix + "/ours:v9 in " + location
                    + " is not a version registered by mlops");
            assertThat(register(r, "ours", 0.8).getVersion()).isEqualTo(2);
        }
    }

    /** An image manifest: {@code artifactType} (or none), config and one layer, all pushed by {@link #raw}. */
    private String manifest(String artifactType, String configType, String config, String layer) throws Exception {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OciArtifacts.MANIFEST);
        if (artifactType != null) {
            m.put("artifactType", artifactType);
        }
        m.set("config", OciArtifacts.descriptor(configType, config, raw.size(config)));
        m.putArray("layers").add(OciArtifacts.descriptor("application/octet-stream", layer, raw.size(layer)));
        return JSON.writeValueAsString(m);
    }
}
