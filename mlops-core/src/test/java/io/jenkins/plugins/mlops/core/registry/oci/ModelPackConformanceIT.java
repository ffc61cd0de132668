package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OCI backend stores is a CNCF ModelPack artifact in an OCI image-spec manifest: the config and manifests
 * read back from a real registry are validated against the specifications' own JSON schemas (copies under
 * {@code src/test/resources/schemas}, see the README there), and the layer media types and annotations against
 * the ModelPack spec.
 */
class ModelPackConformanceIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema modelConfigSchema;
    private static Schema manifestSchema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void schemas() {
        modelConfigSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("classpath:schemas/modelpack/config-schema.json"));
        // The OCI schemas name each other by id; map the ids to the copies, so that nothing is fetched.
        manifestSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, b -> b.schemaIdResolvers(r -> r
                        .mapPrefix("https://opencontainers.org/schema/image/", "classpath:schemas/oci-image-spec/")
                        .mapPrefix("https://opencontainers.org/schema/", "classpath:schemas/oci-image-spec/")))
                .getSchema(SchemaLocation.of("https://opencontainers.org/schema/image/image-manifest-schema.json"));
    }

    @Test
    void configsAndManifestsValidateAgainstTheModelPackAndOciSchemas() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model/tokenizer"));
        Files.writeString(model.resolve("../README.md"), "# movie predictor");
        Files.writeString(model.resolve("../LICENSE"), "Apache-2.0");
        Files.writeString(model.resolve("../config.json"), "{\"layers\": 3}");
        Files.writeString(model.resolve("tokenizer.json"), "{}");
        Files.write(model.resolve("../model.safetensors"), new byte[4096]);
        Files.writeString(model.resolve("../serve.py"), "print('hi')");
        Path odd = Files.write(model.resolve("../ratings.index"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rwxr-x---"));
        Instant mtime = Instant.parse("2026-02-03T04:05:06Z");
        Files.setLastModifiedTime(odd, FileTime.from(mtime));

        String location = REGISTRY.location("conformance");
        ModelVersion v;
        try (ModelRegistry r = ModelRegistries.open(location, REGISTRY.env())) {
            v = r.register(RegistrationRequest.builder().name("movie_predictor").modelPath(tmp.resolve("model").toString())
                    .metrics(Map.of("rmse", 0.91)).params(Map.of("epochs", 2)).gate(GateRecord.of(true, null))
                    .lineage(Lineage.builder().gitCommit("0123456789abcdef0123456789abcdef01234567")
                            .gitUrl("https://git.example/movies.git").actor("ci").build())
                    .aliases(List.of("production")).build());
        }
        RawOciClient raw = new RawOciClient(REGISTRY);
        String repo = "conformance/movie_predictor";
        JsonNode manifest = JSON.readTree(raw.getManifest(repo, "v1"));
        JsonNode config = JSON.readTree(raw.getBlob(repo, manifest.path("config").path("digest").asText()));
        JsonNode history = JSON.readTree(raw.getManifest(repo, OciArtifacts.HISTORY_TAG));

        assertThat(errors(modelConfigSchema, config)).as("config %s", config).isEmpty();
        assertThat(errors(manifestSchema, manifest)).as("manifest %s", manifest).isEmpty();
        assertThat(errors(manifestSchema, history)).as("history manifest %s", history).isEmpty();

        // ModelPack: artifact type, config media type, diffIds = the raw layers' digests, no field of ours in it
        assertThat(manifest.path("artifactType").asText()).isEqualTo("application/vnd.cncf.model.manifest.v1+json");
        assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo("application/vnd.cncf.model.config.v1+json");
        List<String> layerDigests = new ArrayList<>();
        manifest.path("layers").forEach(l -> layerDigests.add(l.path("digest").asText()));
        List<String> diffIds = new ArrayList<>();
        config.path("modelfs").path("diffIds").forEach(d -> diffIds.add(d.asText()));
        assertThat(diffIds).isEqualTo(layerDigests);
        assertThat(config.has("mlops")).isFalse();
        assertThat(config.path("descriptor").path("revision").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");

        // Files typed by the spec's media types; the one the table does not know is marked untested
        Map<String, JsonNode> layers = new HashMap<>();
        manifest.path("layers").forEach(l -> layers.put(l.path("annotations").path("org.cncf.model.filepath").asText(), l));
        assertThat(layers.keySet()).containsExactlyInAnyOrder("LICENSE", "README.md", "config.json", "model.safetensors",
                "ratings.index", "serve.py", "tokenizer/tokenizer.json");
        assertThat(type(layers, "README.md")).isEqualTo("application/vnd.cncf.model.doc.v1.raw");
        assertThat(type(layers, "LICENSE")).isEqualTo("application/vnd.cncf.model.doc.v1.raw");
        assertThat(type(layers, "config.json")).isEqualTo("application/vnd.cncf.model.weight.config.v1.raw");
        assertThat(type(layers, "tokenizer/tokenizer.json")).isEqualTo("application/vnd.cncf.model.weight.config.v1.raw");
        assertThat(type(layers, "model.safetensors")).isEqualTo("application/vnd.cncf.model.weight.v1.raw");
        assertThat(type(layers, "serve.py")).isEqualTo("application/vnd.cncf.model.code.v1.raw");
        assertThat(type(layers, "ratings.index")).isEqualTo("application/vnd.cncf.model.weight.v1.raw");
        layers.forEach((path, l) -> assertThat(l.path("annotations").path("org.cncf.model.file.mediatype.untested").asText(null))
                .as(path).isEqualTo(path.equals("ratings.index") ? "true" : null));

        // File mode and mtime in the spec's metadata annotation
        JsonNode meta = JSON.readTree(layers.get("ratings.index").path("annotations").path("org.cncf.model.file.metadata+json").asText());
        assertThat(meta.path("name").asText()).isEqualTo("ratings.index");
        assertThat(meta.path("mode").asInt()).isEqualTo(0750);
        assertThat(meta.path("size").asLong()).isEqualTo(3);
        assertThat(Instant.parse(meta.path("mtime").asText())).isEqualTo(mtime);
        assertThat(meta.path("typeflag").asInt()).isEqualTo('0');
        assertThat(meta.has("uid")).isTrue();
        assertThat(meta.has("gid")).isTrue();

        // Our record rides in the manifest's annotations, which the image spec leaves open
        JsonNode record = JSON.readTree(manifest.path("annotations").path("io.jenkins.mlops.record").asText());
        assertThat(record.path("metrics").path("rmse").asDouble()).isEqualTo(0.91);
        assertThat(record.path("version").asInt()).isEqualTo(v.getVersion());
    }

    @Test
    void theSchemasRejectWhatEarlierVersionsWrote() throws Exception {
        // The schemas are not decoration: the config earlier versions wrote (diff_ids, a top-level mlops object)
        // fails, and so does a manifest without layers.
        ObjectNode old = (ObjectNode) JSON.readTree("{\"descriptor\":{\"name\":\"m\",\"createdAt\":\"2026-03-01T10:00:00Z\"},"
                + "\"config\":{},\"modelfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "a".repeat(64) + "\"]},"
                + "\"mlops\":{\"schemaVersion\":1}}");
        assertThat(errors(modelConfigSchema, old)).extracting(Error::getMessage)
                .anySatisfy(m -> assertThat(m).contains("mlops"))
                .anySatisfy(m -> assertThat(m).contains("diffIds"));
        assertThat(errors(manifestSchema, JSON.readTree("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\","
                + "\"digest\":\"sha256:" + "a".repeat(64) + "\",\"size\":1},\"layers\":[]}"))).isNotEmpty();
    }

    private static List<Error> errors(Schema schema, JsonNode node) {
        return schema.validate(node, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    private static String type(Map<String, JsonNode> layers, String path) {
        return layers.get(path).path("mediaType").asText();
    }
}
