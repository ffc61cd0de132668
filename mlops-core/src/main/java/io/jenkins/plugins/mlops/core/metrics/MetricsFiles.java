package io.jenkins.plugins.mlops.core.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a metrics file (JSON object, flat or nested) into one flat map whose keys address nested values with dots:
 * {@code {"eval": {"rmse": 0.9}}} becomes {@code eval.rmse -> 0.9}. Non-numeric leaves (strings, booleans, arrays)
 * are not metrics and are left out.
 */
public final class MetricsFiles {

    /** Python's json module writes NaN and Infinity; keep them so that the gate can reject them by name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private MetricsFiles() {
    }

    /** @throws IOException when the file is missing, not JSON, or not a JSON object; the message names the file */
    public static Map<String, Double> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot read metrics file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("Metrics file " + file + " must hold a JSON object such as {\"rmse\": 0.9}");
        }
        return flatten(root);
    }

    /** Same as {@link #read(Path)} for JSON text already in memory. */
    public static Map<String, Double> parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("Metrics must be a JSON object such as {\"rmse\": 0.9}");
        }
        return flatten(root);
    }

    /** Whether the file exists and is a regular file; callers decide whether its absence is an error. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    private static Map<String, Double> flatten(JsonNode root) {
        Map<String, Double> out = new LinkedHashMap<>();
        flattenInto("", root, out);
        return out;
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, Double> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flattenInto(key, v, out);
            } else if (v.isNumber()) {
                out.put(key, v.doubleValue());
            }
        }
    }
}
