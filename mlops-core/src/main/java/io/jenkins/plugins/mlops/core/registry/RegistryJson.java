package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.JsonNumbers;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms the registry stores: a version record (the same in the embedded store and inside an OCI config)
 * and an alias history. Written by hand rather than by annotations so that the stored format is visible here and
 * stays stable when the Java classes change.
 */
public final class RegistryJson {

    /** Bumped only for incompatible changes of the stored records. */
    public static final int SCHEMA_VERSION = 1;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RegistryJson() {
    }

    /** The version's record without its digest (the digest is computed over these bytes). */
    public static ObjectNode recordNode(ModelVersion v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("name", v.getName());
        n.put("version", v.getVersion());
        n.put("createdAt", v.getCreatedAt().toString());
        ArrayNode files = n.putArray("files");
        for (ModelFile f : v.getFiles()) {
            files.addObject().put("path", f.getPath()).put("digest", f.getDigest()).put("size", f.getSize());
        }
        // Python writes NaN/Infinity and gates reject them by name; kept as strings, which JSON allows.
        n.set("metrics", JsonNumbers.object(v.getMetrics()));
        n.set("params", JSON.valueToTree(v.getParams()));
        ObjectNode gate = n.putObject("gate");
        if (v.getGate().getPassed() == null) {
            gate.putNull("passed");
        } else {
            gate.put("passed", v.getGate().getPassed());
        }
        gate.set("summary", v.getGate().getSummaryJson() == null ? JSON.nullNode() : parseLenient(v.getGate().getSummaryJson()));
        Lineage l = v.getLineage();
        ObjectNode lin = n.putObject("lineage");
        lin.put("job", l.getJob());
        if (l.getBuildNumber() == null) {
            lin.putNull("buildNumber");
        } else {
            lin.put("buildNumber", l.getBuildNumber());
        }
        lin.put("buildUrl", l.getBuildUrl());
        lin.put("gitCommit", l.getGitCommit());
        lin.put("gitUrl", l.getGitUrl());
        lin.put("trainingImageId", l.getTrainingImageId());
        lin.put("dataDigest", l.getDataDigest());
        lin.put("actor", l.getActor());
        return n;
    }

    /** The record as stored bytes (UTF-8, indented so that a person can read the store). */
    public static byte[] recordBytes(ModelVersion v) {
        return bytes(recordNode(v));
    }

    /** Reads a record; {@code where} names the file or URL in error messages. */
    public static ModelVersion readRecord(JsonNode n, String digest, String where) throws RegistryException {
        try {
            if (n == null || !n.isObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            int schema = n.path("schemaVersion").asInt(-1);
            if (schema != SCHEMA_VERSION) {
                throw new IllegalStateException("schemaVersion " + schema + " is not " + SCHEMA_VERSION);
            }
            List<ModelFile> files = new ArrayList<>();
            for (JsonNode f : n.path("files")) {
                files.add(new ModelFile(text(f, "path"), text(f, "digest"), f.path("size").asLong()));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("metrics").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> m = it.next();
                metrics.put(m.getKey(), m.getValue().isTextual() ? Double.parseDouble(m.getValue().asText())
                        : m.getValue().asDouble());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> params = n.hasNonNull("params") ? JSON.convertValue(n.get("params"), LinkedHashMap.class)
                    : new LinkedHashMap<>();
            JsonNode g = n.path("gate");
            Boolean passed = g.path("passed").isBoolean() ? g.get("passed").asBoolean() : null;
            JsonNode summary = g.get("summary");
            GateRecord gate = GateRecord.of(passed, summary == null || summary.isNull() ? null : text(summary));
            JsonNode l = n.path("lineage");
            Lineage lineage = Lineage.builder()
                    .job(optText(l, "job"))
                    .buildNumber(l.path("buildNumber").isInt() ? l.get("buildNumber").asInt() : null)
                    .buildUrl(optText(l, "buildUrl"))
                    .gitCommit(optText(l, "gitCommit"))
                    .gitUrl(optText(l, "gitUrl"))
                    .trainingImageId(optText(l, "trainingImageId"))
                    .dataDigest(optText(l, "dataDigest"))
                    .actor(optText(l, "actor"))
                    .build();
            return new ModelVersion(text(n, "name"), n.path("version").asInt(), digest,
                    Instant.parse(text(n, "createdAt")), files, metrics, params, gate, lineage);
        } catch (RuntimeException e) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "Version record " + where
                    + " is not a valid model record: " + e.getMessage(), e);
        }
    }

    /** The alias history as stored bytes. */
    public static byte[] historyBytes(AliasHistory history) {
        return bytes(historyNode(history));
    }

    /** The alias history as a JSON object, for a backend that stores more beside it. */
    public static ObjectNode historyNode(AliasHistory history) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode arr = root.putArray("events");
        for (AliasEvent e : history.events()) {
            ObjectNode o = arr.addObject();
            o.put("alias", e.getAlias());
            if (e.getFromVersion() == null) {
                o.putNull("from");
            } else {
                o.put("from", e.getFromVersion());
            }
            o.put("to", e.getToVersion());
            o.put("actor", e.getActor());
            o.put("at", e.getAt().toString());
            o.put("forced", e.isForced());
            o.put("action", e.getAction().name().toLowerCase(java.util.Locale.ROOT));
        }
        return root;
    }

    /** Reads an alias history; {@code where} names the file or URL in error messages. */
    public static AliasHistory readHistory(byte[] bytes, String where) throws RegistryException {
        return readHistory(readTree(bytes, "Alias history " + where), where);
    }

    /** Reads the alias history of an already parsed JSON object. */
    public static AliasHistory readHistory(JsonNode root, String where) throws RegistryException {
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            List<AliasEvent> events = new ArrayList<>();
            for (JsonNode o : root.path("events")) {
                events.add(new AliasEvent(text(o, "alias"), o.path("from").isInt() ? o.get("from").asInt() : null,
                        o.path("to").asInt(), optText(o, "actor"), Instant.parse(text(o, "at")),
                        o.path("forced").asBoolean(false),
                        AliasEvent.Action.valueOf(text(o, "action").toUpperCase(java.util.Locale.ROOT))));
            }
            return new AliasHistory(events);
        } catch (RuntimeException e) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "Alias history " + where
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses JSON text; the caller names what it reads in the message. */
    public static JsonNode readTree(byte[] bytes, String where) throws RegistryException {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            // the original message, without Jackson's "at [Source: ...]" tail, which means nothing to a user
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new RegistryException(RegistryException.Kind.CORRUPT, where + " is not valid JSON: " + why, e);
        }
    }

    /** Any JSON-compatible value (maps, lists, strings, numbers, booleans) as compact JSON text. */
    public static String toJsonText(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON text of a node. */
    public static String text(JsonNode node) {
        return toJsonText(node);
    }

    /** @throws MlopsArgumentException when {@code value} cannot be stored as JSON */
    static void requireJsonValue(String argument, String key, Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                requireJsonValue(argument, key + "." + e.getKey(), e.getValue());
            }
            return;
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                requireJsonValue(argument, key + "[]", o);
            }
            return;
        }
        throw new MlopsArgumentException(argument, "value of '" + key + "' must be a string, number, boolean, list"
                + " or map, got " + value.getClass().getSimpleName());
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseLenient(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            // A summary that is not JSON is still worth keeping, as a string.
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("field '" + field + "' is missing");
        }
        return v.asText();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
