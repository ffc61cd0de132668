package io.jenkins.plugins.mlops.core.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    /** NaN metrics must survive the round trip: the gate rejects them by name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private TrainingRecord() {
    }

    /** The JSON document: the fields of {@link TrainingResult}, with the duration in milliseconds. */
    public static Map<String, Object> toMap(TrainingResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", r.runId());
        doc.put("imageId", r.imageId());
        doc.put("exitCode", r.exitCode());
        doc.put("outputDir", r.outputDir());
        doc.put("model", r.modelPath());
        doc.put("metrics", r.metrics());
        doc.put("params", r.params());
        doc.put("dataDigest", r.dataDigest());
        doc.put("durationMillis", r.duration().toMillis());
        return doc;
    }

    public static String toJson(TrainingResult r) throws IOException {
        return JSON.writeValueAsString(toMap(r));
    }

    /** Writes the record to {@code <outputDir>/run.json}, replacing it whole (never a half-written file). */
    public static Path write(TrainingResult r) throws IOException {
        Path file = Path.of(r.outputDir()).resolve(FILE_NAME);
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, toJson(r));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Reads {@code <runDir>/run.json}.
     *
     * @throws IOException naming the file when it is missing or is not a training record
     */
    public static TrainingResult read(Path runDir) throws IOException {
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
        for (String field : new String[] {"runId", "imageId", "exitCode", "outputDir", "model", "durationMillis"}) {
            if (doc == null || !doc.hasNonNull(field)) {
                throw new IOException(file + " lacks the field \"" + field + "\"");
            }
        }
        Map<String, Double> metrics = JSON.convertValue(doc.path("metrics"), new TypeReference<LinkedHashMap<String, Double>>() { });
        Map<String, Object> params = JSON.convertValue(doc.path("params"), new TypeReference<LinkedHashMap<String, Object>>() { });
        return new TrainingResult(doc.get("runId").asText(), doc.get("imageId").asText(), doc.get("exitCode").asInt(),
                doc.get("outputDir").asText(), doc.get("model").asText(),
                metrics == null ? Map.of() : metrics, params == null ? Map.of() : params,
                doc.hasNonNull("dataDigest") ? doc.get("dataDigest").asText() : null,
                Duration.ofMillis(doc.get("durationMillis").asLong()));
    }
}
