package io.jenkins.plugins.mlops.core.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.metrics.JsonNumbers;
import io.jenkins.plugins.mlops.core.metrics.ReadErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verdict as a JSON file ({@code mlops validate --verdict-out verdict.json}), which {@code mlops register} reads
 * to refuse models that did not pass. Written field by field rather than by reflection so the file format is
 * documented (docs/validate.md) and stays stable when the classes change. Non-finite numbers are written as the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} ({@link JsonNumbers}, as in run.json and the
 * registry's records), which keeps the file valid JSON.
 */
public final class VerdictJson {

    /** Version of the file format; bumped on incompatible changes. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private VerdictJson() {
    }

    public static String toJson(GateVerdict v) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("passed", v.isPassed());
        root.put("summary", v.getSummary());
        ArrayNode results = root.putArray("results");
        for (RuleResult r : v.getResults()) {
            ObjectNode o = results.addObject();
            o.put("rule", r.getRule());
            o.put("status", r.getStatus().name());
            o.put("passed", r.isPassed());
            number(o, "value", r.getValue());
            number(o, "threshold", r.getThreshold());
            number(o, "baseline", r.getBaseline());
            number(o, "ciLow", r.getCiLow());
            number(o, "ciHigh", r.getCiHigh());
            number(o, "confidence", r.getConfidence());
            o.put("comparison", r.getComparison());
            o.put("reason", r.getReason());
            o.set("inputs", numbers(r.getInputs()));
        }
        root.set("metrics", numbers(v.getMetrics()));
        ObjectNode baseline = root.putObject("baseline");
        baseline.put("available", v.isBaselineAvailable());
        baseline.put("description", v.getBaselineDescription());
        baseline.set("metrics", numbers(v.getBaselineMetrics()));
        if (v.getBaselineRecordedMetrics() != null) {
            baseline.set("recordedMetrics", numbers(v.getBaselineRecordedMetrics()));
        } else {
            baseline.putNull("recordedMetrics");
        }
        baseline.put("pairing", v.getPairing());
        if (v.getPredictionCount() != null) {
            ObjectNode p = root.putObject("predictions");
            p.put("count", v.getPredictionCount());
            p.put("task", v.getPredictionTask());
        } else {
            root.putNull("predictions");
        }
        ObjectNode bootstrap = root.putObject("bootstrap");
        bootstrap.put("confidence", v.getConfidence());
        bootstrap.put("seed", v.getSeed());
        bootstrap.put("resamples", v.getResamples());
        bootstrap.put("interval", GateVerdict.INTERVAL_METHOD);
        ObjectNode significance = root.putObject("significance");
        significance.put("comparison", v.getComparison());
        significance.put("correction", v.getCorrection());
        significance.put("tests", v.getSignificanceTests());
        number(significance, "familyWiseErrorRate", v.getFamilyWiseErrorRate());
        if (v.getHistoryRows() != null) {
            ObjectNode h = root.putObject("history");
            h.put("rows", v.getHistoryRows());
            h.put("index", v.getHistoryIndex());
        } else {
            root.putNull("history");
        }
        ArrayNode notes = root.putArray("notes");
        v.getNotes().forEach(notes::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing a tree to a string", e);
        }
    }

    /**
     * Writes the verdict to {@code file} through a temporary file in the same directory and a rename, so a reader
     * never sees half a verdict.
     */
    public static void write(GateVerdict v, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toJson(v), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @throws IOException naming the file when it is missing or is not a verdict */
    public static GateVerdict read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("Verdict file " + file + " is a directory, not a verdict");
        }
        if (!Files.exists(file)) {
            throw new IOException("Verdict file " + file + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("Cannot read verdict file " + file + ": " + ReadErrors.describe(e), e);
        }
        try {
            return fromJson(text);
        } catch (IOException e) {
            throw new IOException("Verdict file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IOException when the text is not a verdict of a known format */
    public static GateVerdict fromJson(String text) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("not JSON: " + ReadErrors.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("not a verdict: expected a JSON object");
        }
        int format = root.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IOException("unknown verdict format " + root.path("format") + "; this version reads format " + FORMAT);
        }
        List<RuleResult> results = new ArrayList<>();
        for (JsonNode r : required(root, "results")) {
            results.add(new RuleResult(
                    required(r, "rule").asText(),
                    RuleStatus.valueOf(required(r, "status").asText()),
                    number(r.get("value")), number(r.get("threshold")), number(r.get("baseline")),
                    number(r.get("ciLow")), number(r.get("ciHigh")), number(r.get("confidence")),
                    text(r.get("comparison")), r.path("reason").asText(""),
                    numbers(r.get("inputs"))));
        }
        JsonNode b = required(root, "baseline");
        String description = b.path("description").asText("");
        Baseline baseline = b.path("available").asBoolean()
                ? Baseline.of(numbers(b.get("metrics")), description)
                : Baseline.none(description);
        JsonNode p = root.get("predictions");
        boolean hasPredictions = p != null && p.isObject();
        JsonNode bs = required(root, "bootstrap");
        JsonNode sig = root.path("significance");
        JsonNode h = root.get("history");
        boolean hasHistory = h != null && h.isObject();
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        JsonNode recorded = b.get("recordedMetrics");
        GateVerdict v = GateVerdict.builder(results, numbers(root.get("metrics")), baseline)
                .predictions(hasPredictions ? p.path("count").asInt() : null, hasPredictions ? p.path("task").asText() : null)
                .paired(text(b.get("pairing")), recorded == null || recorded.isNull() ? null : numbers(recorded))
                .bootstrap(bs.path("confidence").asDouble(GateOptions.DEFAULT_CONFIDENCE), bs.path("seed").asLong(),
                        bs.path("resamples").asInt())
                .correction(sig.path("correction").asText(Correction.NONE.displayName()), sig.path("tests").asInt(0),
                        number(sig.get("familyWiseErrorRate")))
                .history(hasHistory ? h.path("rows").asInt() : null, hasHistory ? h.path("index").asText() : null)
                .notes(notes)
                .build();
        if (root.has("passed") && root.get("passed").asBoolean() != v.isPassed()) {
            throw new IOException("'passed' is " + root.get("passed") + " but the results say otherwise");
        }
        return v;
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("not a verdict: '" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void number(ObjectNode o, String field, Double v) {
        o.set(field, JsonNumbers.node(v));
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        return JsonNumbers.object(values);
    }

    private static Double number(JsonNode n) throws IOException {
        return JsonNumbers.value(n);
    }

    private static Map<String, Double> numbers(JsonNode n) throws IOException {
        return JsonNumbers.values(n);
    }
}
