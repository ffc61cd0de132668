package io.jenkins.plugins.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void namesTheDirectoryWhenThereIsNoRecordAndTheFieldWhenOneIsMissing() throws IOException {
        assertThatThrownBy(() -> TrainingRecord.read(dir)).hasMessageContaining(dir.toString())
                .hasMessageContaining("run.json");
        Files.writeString(dir.resolve("run.json"), "{\"runId\": \"r\"}");
        assertThatThrownBy(() -> TrainingRecord.read(dir)).hasMessageContaining("\"imageId\"");
    }
}
