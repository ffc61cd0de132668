package io.jenkins.plugins.mlops.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metric values in the JSON files mlops writes — run.json, the verdict, the registry's version records — and reads
 * back. JSON has no NaN or infinity, yet a diverged training reports exactly those and the gate must reject them by
 * name, so they are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}: valid JSON for
 * every parser, the spelling of proto3's JSON mapping (MLflow's REST API), and what Python's {@code float()} and
 * JavaScript's {@code Number()} turn back into the number. Finite values stay JSON numbers.
 */
public final class JsonNumbers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonNumbers() {
    }

    /** A number node, one of the three strings for a non-finite value, or null. */
    public static JsonNode node(Double v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (Double.isFinite(v)) {
            return NODES.numberNode(v.doubleValue());
        }
        return NODES.textNode(Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }

    /** Each value as {@link #node(Double)} writes it, in the map's order. */
    public static ObjectNode object(Map<String, Double> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach((k, v) -> o.set(k, node(v)));
        return o;
    }

    /**
     * What {@link #node(Double)} wrote: a number, one of the three strings, or null (also for a missing node). A
     * bare {@code NaN} token (written by earlier versions; readable with Jackson's non-numeric-numbers feature) is a
     * number node and reads as such.
     *
     * @throws IOException when the node is anything else, naming it
     */
    public static Double value(JsonNode n) throws IOException {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            switch (n.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IOException("not a number: " + n);
    }

    /** An object's fields as {@link #value(JsonNode)} reads them; empty for null or a missing node. */
    public static Map<String, Double> values(JsonNode n) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IOException("not an object of numbers: " + n);
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), value(e.getValue()));
            } catch (IOException bad) {
                throw new IOException("'" + e.getKey() + "' is " + bad.getMessage(), bad);
            }
        }
        return out;
    }
}
