package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request sent straight to every new replica before it receives traffic, and what its answer must be
 * (docs/serving-contract.md). Written in a Jenkinsfile as a map:
 * {@code [path: '/predict', body: '{"user": 1}', expectStatus: 200, expectField: 'rating', maxLatencyMs: 200]}.
 *
 * @param path         starts with {@code /}; may carry a query
 * @param method       {@code GET} or {@code POST} ({@code POST} when there is a body)
 * @param body         sent as is, or null
 * @param contentType  of the body
 * @param expectStatus the status the answer must have
 * @param expectField  a field the JSON answer must have (dotted for nested objects), or null
 * @param expectBody   a text the answer must contain, or null
 * @param maxLatencyMs the slowest acceptable answer in milliseconds, or null
 */
public record SmokeTest(String path, String method, String body, String contentType, int expectStatus,
                        String expectField, String expectBody, Double maxLatencyMs) implements Serializable {

    static final Set<String> KEYS = Set.of("path", "method", "body", "contentType", "expectStatus", "expectField",
            "expectBody", "maxLatencyMs");
    private static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e]*");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "HEAD");

    /**
     * Reads the maps a Pipeline script (or the CLI) gives, naming the entry and key that is wrong:
     * {@code smokeTests[1].expectStatus}.
     */
    public static List<SmokeTest> parseAll(String argument, List<?> raw) {
        List<SmokeTest> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            String where = argument + "[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> m)) {
                throw new MlopsArgumentException(where, "must be a map such as [path: '/predict', body: '{...}'], got "
                        + describe(raw.get(i)));
            }
            out.add(parse(where, m));
        }
        return out;
    }

    /**
     * Smoke tests written as text, one JSON object per line with the same keys as the maps
     * ({@code {"path": "/predict", "body": {"user": 1}, "expectField": "rating"}}): the form of the Snippet
     * Generator, the step's text argument and the CLI's {@code --smokeTest}.
     */
    public static List<SmokeTest> parseLines(String argument, List<String> lines) {
        List<Object> maps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Object v;
            try {
                v = JSON.readValue(line, Object.class);
            } catch (java.io.IOException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                        : e.getMessage();
                throw new MlopsArgumentException(argument + "[" + i + "]", "'" + line + "' is not a JSON object: "
                        + why);
            }
            maps.add(v);
        }
        return parseAll(argument, maps);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The text form of smoke tests given as maps: one JSON object per line (what {@link #parseLines} reads). */
    public static String toLines(List<?> maps) {
        List<String> out = new ArrayList<>();
        for (Object m : maps) {
            out.add(io.jenkins.plugins.mlops.core.registry.RegistryJson.toJsonText(m));
        }
        return String.join("\n", out);
    }

    /** One smoke test from its map; {@code where} names it in messages. */
    public static SmokeTest parse(String where, Map<?, ?> m) {
        Map<String, Object> map = new LinkedHashMap<>();
        m.forEach((k, v) -> map.put(String.valueOf(k), v instanceof CharSequence cs ? cs.toString() : v));
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new MlopsArgumentException(where, "unknown key '" + key + "'; the keys are "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String path = text(where, map, "path");
        if (path == null) {
            throw new MlopsArgumentException(where + ".path", "give the path to request, e.g. '/predict'");
        }
        if (!PATH.matcher(path).matches()) {
            throw new MlopsArgumentException(where + ".path", "'" + path + "' must start with / and contain no"
                    + " spaces or control characters");
        }
        String body = text(where, map, "body");
        String method = text(where, map, "method");
        method = method == null ? (body == null ? "GET" : "POST") : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new MlopsArgumentException(where + ".method", "'" + method + "' is not one of "
                    + String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw new MlopsArgumentException(where + ".body", "a " + method + " request has no body; leave method"
                    + " out (POST) or the body");
        }
        String contentType = text(where, map, "contentType");
        int status = integer(where, map, "expectStatus", 200);
        if (status < 100 || status > 599) {
            throw new MlopsArgumentException(where + ".expectStatus", "must be an HTTP status (100-599), got " + status);
        }
        String field = text(where, map, "expectField");
        if (field != null && !field.matches("[^.\\s]+(\\.[^.\\s]+)*")) {
            throw new MlopsArgumentException(where + ".expectField", "'" + field + "' must be a field name, dotted"
                    + " for nested objects (prediction.rating)");
        }
        Double maxLatency = number(where, map, "maxLatencyMs");
        if (maxLatency != null && !(maxLatency > 0)) {
            throw new MlopsArgumentException(where + ".maxLatencyMs", "must be more than 0, got " + maxLatency);
        }
        return new SmokeTest(path, method, body, contentType == null ? "application/json" : contentType, status,
                field, text(where, map, "expectBody"), maxLatency);
    }

    /** {@code POST /predict}, for messages. */
    public String describe() {
        return method + " " + path;
    }

    private static String text(String where, Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            if (key.equals("body")) {
                // A Groovy map or list as the body is sent as JSON, as users expect of a JSON API.
                return io.jenkins.plugins.mlops.core.registry.RegistryJson.toJsonText(v);
            }
            throw new MlopsArgumentException(where + "." + key, "must be text, got " + describe(v));
        }
        String s = v.toString();
        return s.isBlank() && !key.equals("body") ? null : s;
    }

    private static int integer(String where, Map<String, Object> map, String key, int dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (v instanceof String s && s.strip().matches("[0-9]{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new MlopsArgumentException(where + "." + key, "must be a whole number, got " + describe(v));
    }

    private static Double number(String where, Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new MlopsArgumentException(where + "." + key, "must be a number, got " + describe(v));
    }

    static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " '" + v + "'";
    }
}
