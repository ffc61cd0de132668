package io.jenkins.plugins.mlops.core.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.container.OutputModes;
import io.jenkins.plugins.mlops.core.metrics.JsonNumbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training result as a JSON file ({@value #FILE_NAME}) beside the outputs it describes, so that later commands
 * outside Jenkins ({@code mlops register --run DIR}) find the model, metrics, params and lineage of a run without
 * the user copying ids around.
 */
public final class TrainingRecord {

    public static final String FILE_NAME = "run.json";

    /**
     * Writes valid JSON only: non-finite metrics are strings ({@link JsonNumbers}), and params cannot be
     * non-finite (the job's arguments refuse them). Reads the bare {@code NaN} tokens that earlier versions wrote.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private TrainingRecord() {
    }

    /**
     * The JSON document: the fields of {@link TrainingResult}, with the duration in milliseconds and the metrics as
     * {@link JsonNumbers} writes them (NaN and infinities as strings, so that the file stays valid JSON).
     */
    private static ObjectNode toNode(TrainingResult r, Origin origin) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("runId", r.runId());
        doc.put("imageId", r.imageId());
        doc.put("exitCode", r.exitCode());
        doc.put("outputDir", r.outputDir());
        doc.put("model", r.modelPath());
        doc.set("metrics", JsonNumbers.object(r.metrics()));
        doc.set("params", JSON.valueToTree(r.params()));
        doc.put("dataDigest", r.dataDigest());
        doc.put("durationMillis", r.duration().toMillis());
        putIfGiven(doc, "name", origin.name());
        putIfGiven(doc, "image", origin.image());
        putIfGiven(doc, "dockerfile", origin.dockerfile());
        return doc;
    }

    /** The record as {@code run.json} holds it ({@code mlops train --json} prints the same). */
    public static String toJson(TrainingResult r, Origin origin) throws IOException {
        return JSON.writeValueAsString(toNode(r, origin));
    }

    /**
     * What ran, as the call named it: the run's {@code name}, the {@code image} and the {@code dockerfile} it was
     * built from (each null when not given). Reports title a run with it.
     */
    public record Origin(String name, String image, String dockerfile) {
        static final Origin UNKNOWN = new Origin(null, null, null);

        public static Origin of(TrainingSpec spec) {
            return new Origin(spec.getName(), spec.getImage(), spec.getDockerfile());
        }
    }

    /** Writes the record to {@code <outputDir>/run.json}, replacing it whole (never a half-written file). */
    public static Path write(TrainingResult r) throws IOException {
        return write(r, Origin.UNKNOWN);
    }

    /** {@link #write(TrainingResult)}, with what ran ({@code name}, {@code image}, {@code dockerfile}). */
    public static Path write(TrainingResult r, Origin origin) throws IOException {
        Path file = Path.of(r.outputDir()).resolve(FILE_NAME);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, toJson(r, origin));
        // Like the outputs beside it: nobody but the build's user may change which model the record names.
        OutputModes.ofProcess().applyToFile(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** What ran, from {@code <runDir>/run.json}; all null for a record written without it. */
    public static Origin readOrigin(Path runDir) throws IOException {
        JsonNode doc = document(runDir);
        return new Origin(text(doc, "name"), text(doc, "image"), text(doc, "dockerfile"));
    }

    private static void putIfGiven(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static String text(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? doc.get(field).asText() : null;
    }

    /**
     * Reads {@code <runDir>/run.json}.
     *
     * @throws IOException naming the file when it is missing or is not a training record
     */
    public static TrainingResult read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        JsonNode doc = document(runDir);
        for (String field : new String[] {"runId", "imageId", "exitCode", "outputDir", "model", "durationMillis"}) {
            if (!doc.hasNonNull(field)) {
                throw new IOException(file + " lacks the field \"" + field + "\"");
            }
        }
        Map<String, Double> metrics;
        try {
            metrics = JsonNumbers.values(doc.path("metrics"));
        } catch (IOException e) {
            throw new IOException(file + ": metric " + e.getMessage(), e);
        }
        Map<String, Object> params = JSON.convertValue(doc.path("params"), new TypeReference<LinkedHashMap<String, Object>>() { });
        return new TrainingResult(doc.get("runId").asText(), doc.get("imageId").asText(), doc.get("exitCode").asInt(),
                doc.get("outputDir").asText(), doc.get("model").asText(),
                metrics, params == null ? Map.of() : params,
                doc.hasNonNull("dataDigest") ? doc.get("dataDigest").asText() : null,
                Duration.ofMillis(doc.get("durationMillis").asLong()));
    }

    private static JsonNode document(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + " holds no " + FILE_NAME + ": not the output directory of an `mlops train` run");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IOException(file + " is not a training record (a JSON object)");
        }
        return doc;
    }
}
