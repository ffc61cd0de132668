package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How a model version and its history look as OCI artifacts. Model versions are CNCF ModelPack artifacts (its
 * artifact type, config, layer media types and layer annotations), so ModelPack tools, ORAS and any OCI client can
 * read them; the config holds only what the ModelPack config schema allows, and our own record (metrics, params,
 * gate, lineage) rides in the manifest's annotations, which the OCI image spec leaves open to anybody.
 */
final class OciArtifacts {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** What we ask for: every manifest kind a tag can hold, so that foreign content is recognized, not a 404. */
    static final String ACCEPT = String.join(", ", MANIFEST, INDEX, DOCKER_MANIFEST, DOCKER_LIST);
    static final String MODEL_ARTIFACT = "application/vnd.cncf.model.manifest.v1+json";
    static final String MODEL_CONFIG = "application/vnd.cncf.model.config.v1+json";
    static final String HISTORY_ARTIFACT = "application/vnd.jenkins.mlops.alias-history.v1+json";
    static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

    static final String TITLE = "org.opencontainers.image.title";
    static final String FILEPATH = "org.cncf.model.filepath";
    static final String FILE_METADATA = "org.cncf.model.file.metadata+json";
    static final String MEDIATYPE_UNTESTED = "org.cncf.model.file.mediatype.untested";
    static final String CREATED = "org.opencontainers.image.created";
    static final String REVISION = "org.opencontainers.image.revision";
    static final String SOURCE = "org.opencontainers.image.source";
    static final String MLOPS_NAME = "io.jenkins.mlops.model.name";
    static final String MLOPS_VERSION = "io.jenkins.mlops.model.version";
    static final String MLOPS_GATE = "io.jenkins.mlops.gate";
    /** Our full version record (the embedded store's version.json), compact JSON: metrics, params, gate, lineage. */
    static final String MLOPS_RECORD = "io.jenkins.mlops.record";

    /** The tag holding the model's history; dots never appear in aliases, so it cannot collide with one. */
    static final String HISTORY_TAG = "mlops.aliases";

    /** Compact and in a fixed field order: the bytes are hashed, so they must not depend on formatting options. */
    private static final ObjectMapper COMPACT = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private OciArtifacts() {
    }

    static String versionTag(int version) {
        return "v" + version;
    }

    /** The ModelPack config: {@code descriptor}, {@code config} (nothing known) and {@code modelfs}, nothing else. */
    static byte[] config(ModelVersion v) {
        ObjectNode root = COMPACT.createObjectNode();
        ObjectNode d = root.putObject("descriptor");
        d.put("createdAt", v.getCreatedAt().toString());
        d.put("name", v.getName());
        d.put("version", Integer.toString(v.getVersion()));
        if (v.getLineage().getGitCommit() != null) {
            d.put("revision", v.getLineage().getGitCommit());
        }
        if (v.getLineage().getGitUrl() != null) {
            d.put("sourceURL", v.getLineage().getGitUrl());
        }
        root.putObject("config");
        ObjectNode fs = root.putObject("modelfs");
        fs.put("type", "layers");
        // Raw layers are their own uncompressed content, so each layer's diff id is its digest.
        ArrayNode ids = fs.putArray("diffIds");
        v.getFiles().forEach(f -> ids.add(f.getDigest()));
        return bytes(root);
    }

    /**
     * @param metadata per file path, what {@link FileMetadata} knows of it on the machine that registered it
     *                 (absent for files that arrived as streams)
     */
    static byte[] modelManifest(ModelVersion v, String configDigest, long configSize, Map<String, FileMetadata> metadata) {
        ObjectNode m = COMPACT.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MANIFEST);
        m.put("artifactType", MODEL_ARTIFACT);
        m.set("config", descriptor(MODEL_CONFIG, configDigest, configSize));
        ArrayNode layers = m.putArray("layers");
        for (ModelFile f : v.getFiles()) {
            ModelPackFileTypes.Type type = ModelPackFileTypes.of(f.getPath());
            ObjectNode l = descriptor(type.mediaType(), f.getDigest(), f.getSize());
            ObjectNode a = l.putObject("annotations").put(TITLE, f.getPath()).put(FILEPATH, f.getPath());
            FileMetadata meta = metadata.get(f.getPath());
            if (meta != null) {
                a.put(FILE_METADATA, meta.json());
            }
            if (!type.known()) {
                a.put(MEDIATYPE_UNTESTED, "true");
            }
            layers.add(l);
        }
        ObjectNode a = m.putObject("annotations");
        a.put(CREATED, v.getCreatedAt().toString());
        a.put(MLOPS_NAME, v.getName());
        a.put(MLOPS_VERSION, Integer.toString(v.getVersion()));
        a.put(MLOPS_GATE, v.getGate().describe());
        if (v.getLineage().getGitCommit() != null) {
            a.put(REVISION, v.getLineage().getGitCommit());
        }
        if (v.getLineage().getGitUrl() != null) {
            a.put(SOURCE, v.getLineage().getGitUrl());
        }
        a.put(MLOPS_RECORD, RegistryJson.text(RegistryJson.recordNode(v)));
        return bytes(m);
    }

    static byte[] historyManifest(String historyDigest, long historySize) {
        ObjectNode m = COMPACT.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MANIFEST);
        m.put("artifactType", HISTORY_ARTIFACT);
        m.set("config", descriptor(EMPTY_CONFIG, Digests.sha256(EMPTY_JSON), EMPTY_JSON.length));
        ArrayNode layers = m.putArray("layers");
        ObjectNode l = descriptor(HISTORY_ARTIFACT, historyDigest, historySize);
        l.putObject("annotations").put(TITLE, "aliases.json");
        layers.add(l);
        return bytes(m);
    }

    static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = COMPACT.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    /**
     * What a manifest is, in words, when it is not one of our model manifests: "an OCI image index", "a container
     * image", "an artifact of type ...". Used to say what another tool left where a model version would be.
     */
    static String describe(JsonNode manifest) {
        String mediaType = manifest.path("mediaType").asText("");
        if (INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType) || manifest.has("manifests")) {
            return "an image index (a list of manifests), not a model manifest";
        }
        String artifactType = manifest.path("artifactType").asText("");
        String configType = manifest.path("config").path("mediaType").asText("");
        if (MODEL_ARTIFACT.equals(artifactType) || MODEL_CONFIG.equals(configType)) {
            return "a ModelPack model without an mlops record (annotation " + MLOPS_RECORD + ")";
        }
        if (!artifactType.isEmpty()) {
            return "an artifact of type " + artifactType;
        }
        if (!configType.isEmpty()) {
            return "an image or artifact whose config is " + configType;
        }
        return "a manifest of type " + (mediaType.isEmpty() ? "(none)" : mediaType);
    }

    static JsonNode parse(byte[] bytes) throws java.io.IOException {
        return COMPACT.readTree(bytes);
    }

    static byte[] bytes(JsonNode n) {
        try {
            return COMPACT.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
