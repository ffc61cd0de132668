package io.jenkins.plugins.mlops.core.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a metrics file into one flat map whose keys address nested values with dots:
 * {@code {"eval": {"rmse": 0.9}}} becomes {@code eval.rmse -> 0.9}. Non-numeric leaves (strings, booleans, arrays)
 * are not metrics and are left out.
 *
 * <p>JSON is the container contract's format ({@code metrics.json}); YAML and TOML are read too because DVC
 * projects keep their metrics files in any of the three, told apart by extension ({@code .yaml}/{@code .yml},
 * {@code .toml}; anything else is read as JSON).
 */
public final class MetricsFiles {

    /** The formats a metrics file may be written in. */
    public enum Format {
        JSON, YAML, TOML;

        /** From the file name's extension; JSON unless it says YAML or TOML. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            if (name.endsWith(".toml")) {
                return TOML;
            }
            return JSON;
        }
    }

    /** Python's json module writes NaN and Infinity; keep them so that the gate can reject them by name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper TOML = TomlMapper.builder().build();

    private MetricsFiles() {
    }

    /**
     * Reads the file in the format its extension says.
     *
     * @throws IOException when the file is missing, malformed, or not an object/mapping/table; the message names the
     *                     file and, for a syntax error, the line and column, in the parser's words without its internals
     */
    public static Map<String, Double> read(Path file) throws IOException {
        Format format = Format.of(file);
        if (Files.isDirectory(file)) {
            throw new IOException("Metrics file " + file + " is a directory, not a metrics file");
        }
        if (!Files.exists(file)) {
            throw new IOException("Metrics file " + file + " does not exist");
        }
        JsonNode root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = tree(in, format);
        } catch (IOException e) {
            throw new IOException("Cannot read metrics file " + file + " (" + format + "): " + ReadErrors.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("Metrics file " + file + " must hold " + example(format));
        }
        return flatten(root);
    }

    /** Same as {@link #read(Path)} for JSON text already in memory. */
    public static Map<String, Double> parse(String json) throws IOException {
        return parse(json, Format.JSON);
    }

    /** Same as {@link #read(Path)} for text already in memory. */
    public static Map<String, Double> parse(String text, Format format) throws IOException {
        JsonNode root;
        try {
            root = tree(new StringReader(text), format);
        } catch (IOException e) {
            throw new IOException("Cannot read metrics (" + format + "): " + ReadErrors.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("Metrics must be " + example(format));
        }
        return flatten(root);
    }

    /** Whether the file exists and is a regular file; callers decide whether its absence is an error. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    private static JsonNode tree(Reader in, Format format) throws IOException {
        return switch (format) {
            case JSON -> JSON.readTree(in);
            case TOML -> TOML.readTree(in);
            case YAML -> yaml(in);
        };
    }

    /**
     * SnakeYAML's safe constructor (plain maps, lists, scalars; no arbitrary classes) reads {@code .nan} and
     * {@code .inf} as doubles. Only mappings and numbers are carried over: a YAML date would otherwise turn into a
     * number of milliseconds and pass for a metric.
     */
    private static JsonNode yaml(Reader in) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(in);
        } catch (YAMLException e) {
            throw new IOException(ReadErrors.describe(e), e);
        }
        return doc instanceof Map<?, ?> ? yamlTree(doc) : null;
    }

    private static JsonNode yamlTree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.createObjectNode();
            map.forEach((k, v) -> {
                JsonNode child = yamlTree(v);
                if (child != null) {
                    node.set(String.valueOf(k), child);
                }
            });
            return node;
        }
        if (value instanceof Number n) {
            return JSON.getNodeFactory().numberNode(n.doubleValue());
        }
        return null;
    }

    private static String example(Format format) {
        return switch (format) {
            case JSON -> "a JSON object such as {\"rmse\": 0.9}";
            case YAML -> "a YAML mapping such as 'rmse: 0.9'";
            case TOML -> "TOML keys such as 'rmse = 0.9'";
        };
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
