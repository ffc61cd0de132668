package io.jenkins.plugins.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRecordTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryFieldIncludingNaNMetrics() throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.8079);
        metrics.put("eval.loss", Double.NaN);
        TrainingResult written = new TrainingResult("20261126-1", "sha256:abc", 0, dir.toString(),
                dir.resolve("model").toString(), metrics, Map.of("epochs", 2, "lr", 0.01, "tag", "x"), "sha256:def",
                Duration.ofMillis(2345));

        Path file = TrainingRecord.write(written);

        assertThat(file).isEqualTo(dir.resolve("run.json"));
        TrainingResult read = TrainingRecord.read(dir);
        assertThat(read.runId()).isEqualTo("20261126-1");
        assertThat(read.imageId()).isEqualTo("sha256:abc");
        assertThat(read.modelPath()).isEqualTo(dir.resolve("model").toString());
        assertThat(read.metrics()).containsEntry("rmse", 0.8079);
        assertThat(read.metrics().get("eval.loss")).isNaN();
        assertThat(read.params()).containsEntry("epochs", 2).containsEntry("lr", 0.01).containsEntry("tag", "x");
        assertThat(read.dataDigest()).isEqualTo("sha256:def");
        assertThat(read.duration()).isEqualTo(Duration.ofMillis(2345));
        assertThat(dir.resolve("run.json.tmp")).doesNotExist();
    }

    /**
     * JSON has no NaN or infinity: a strict parser (Jackson's default, Python's {@code json.loads(...,
     * parse_constant=...)} refusing, jq, JavaScript) must read run.json whatever the metrics were, and the values
     * must come back as they were written.
     */
    @Test
    void nonFiniteMetricsAreValidJsonAsStringsAndReadBackAsNumbers() throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.8079);
        metrics.put("loss", Double.NaN);
        metrics.put("grad_norm", Double.POSITIVE_INFINITY);
        metrics.put("log_likelihood", Double.NEGATIVE_INFINITY);
        TrainingResult written = new TrainingResult("r", "sha256:abc", 0, dir.toString(), dir.resolve("model").toString(),
                metrics, Map.of("epochs", 2), null, Duration.ofMillis(1));

        Path file = TrainingRecord.write(written);

        JsonNode strict = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(strict.get("metrics").get("rmse").isNumber()).isTrue();
        assertThat(strict.get("metrics").get("loss").asText()).isEqualTo("NaN");
        assertThat(strict.get("metrics").get("grad_norm").asText()).isEqualTo("Infinity");
        assertThat(strict.get("metrics").get("log_likelihood").asText()).isEqualTo("-Infinity");
        assertThat(JsonMapper.builder().build().readTree(TrainingRecord.toJson(written, TrainingRecord.Origin.UNKNOWN)))
                .as("--json").isEqualTo(strict);
        TrainingResult read = TrainingRecord.read(dir);
        assertThat(read.metrics()).containsExactlyEntriesOf(metrics);
    }

    /** Records written before metrics were kept valid JSON hold bare NaN tokens; they still read. */
    @Test
    void readsRecordsOfEarlierVersionsWithBareNaN() throws IOException {
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r\", \"imageId\": \"i\", \"exitCode\": 0,"
                + " \"outputDir\": \"o\", \"model\": \"m\", \"durationMillis\": 1,"
                + " \"metrics\": {\"loss\": NaN, \"rmse\": 0.9, \"g\": -Infinity}}");
        assertThat(TrainingRecord.read(dir).metrics().get("loss")).isNaN();
        assertThat(TrainingRecord.read(dir).metrics()).containsEntry("rmse", 0.9).containsEntry("g", Double.NEGATIVE_INFINITY);
    }

    @Test
    void aMetricThatIsNotANumberNamesTheFileAndTheMetric() throws IOException {
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r\", \"imageId\": \"i\", \"exitCode\": 0,"
                + " \"outputDir\": \"o\", \"model\": \"m\", \"durationMillis\": 1, \"metrics\": {\"loss\": \"low\"}}");
        assertThatThrownBy(() -> TrainingRecord.read(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("run.json") + ": metric 'loss' is not a number: \"low\"");
    }

    @Test
    void namesTheDirectoryWhenThereIsNoRecordAndTheFieldWhenOneIsMissing() throws IOException {
        assertThatThrownBy(() -> TrainingRecord.read(dir)).hasMessageContaining(dir.toString())
                .hasMessageContaining("run.json");
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r\"}");
        assertThatThrownBy(() -> TrainingRecord.read(dir)).hasMessageContaining("\"imageId\"");
    }
}
