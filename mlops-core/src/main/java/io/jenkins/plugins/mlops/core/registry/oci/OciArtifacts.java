package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.nio.charset.StandardCharsets;

/**
 * How a model version and an alias history look as OCI artifacts. Model versions follow the CNCF ModelPack
 * conventions (artifact type, config and raw weight layer media types, {@code org.cncf.model.filepath}), so ORAS
 * and ModelPack tools can pull them; our own record rides along in the config under {@code "mlops"}.
 */
final class OciArtifacts {

    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String MODEL_ARTIFACT = "application/vnd.cncf.model.manifest.v1+json";
    static final String MODEL_CONFIG = "application/vnd.cncf.model.config.v1+json";
    static final String MODEL_FILE_RAW = "application/vnd.cncf.model.weight.v1.raw";
    static final String HISTORY_ARTIFACT = "application/vnd.jenkins.mlops.alias-history.v1+json";
    static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

    static final String TITLE = "org.opencontainers.image.title";
    static final String FILEPATH = "org.cncf.model.filepath";
    static final String CREATED = "org.opencontainers.image.created";
    static final String REVISION = "org.opencontainers.image.revision";
    static final String SOURCE = "org.opencontainers.image.source";
    static final String MLOPS_NAME = "io.jenkins.mlops.model.name";
    static final String MLOPS_VERSION = "io.jenkins.mlops.model.version";
    static final String MLOPS_GATE = "io.jenkins.mlops.gate";

    /** The tag holding the alias history; dots never appear in aliases, so it cannot collide with one. */
    static final String HISTORY_TAG = "mlops.aliases";

    /** Compact and in a fixed field order: the bytes are hashed, so they must not depend on formatting options. */
    private static final ObjectMapper COMPACT = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private OciArtifacts() {
    }

    static String versionTag(int version) {
        return "v" + version;
    }

    /** ModelPack config with our record under {@code mlops}. */
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
        ArrayNode ids = fs.putArray("diff_ids");
        v.getFiles().forEach(f -> ids.add(f.getDigest()));
        root.set("mlops", RegistryJson.recordNode(v));
        return bytes(root);
    }

    static byte[] modelManifest(ModelVersion v, String configDigest, long configSize) {
        ObjectNode m = COMPACT.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MANIFEST);
        m.put("artifactType", MODEL_ARTIFACT);
        m.set("config", descriptor(MODEL_CONFIG, configDigest, configSize));
        ArrayNode layers = m.putArray("layers");
        for (ModelFile f : v.getFiles()) {
            ObjectNode l = descriptor(MODEL_FILE_RAW, f.getDigest(), f.getSize());
            l.putObject("annotations").put(TITLE, f.getPath()).put(FILEPATH, f.getPath());
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
        return bytes(m);
    }

    static byte[] historyManifest(String historyDigest, long historySize) {
        ObjectNode m = COMPACT.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MANIFEST);
        m.put("artifactType", HISTORY_ARTIFACT);
        m.set("config", descriptor(EMPTY_CONFIG, io.jenkins.plugins.mlops.core.registry.Digests.sha256(EMPTY_JSON),
                EMPTY_JSON.length));
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

    static JsonNode parse(byte[] bytes) throws java.io.IOException {
        return COMPACT.readTree(bytes);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return COMPACT.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
