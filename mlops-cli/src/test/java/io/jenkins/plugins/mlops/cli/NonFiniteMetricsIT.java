package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training that diverged writes {@code NaN} and {@code Infinity} into metrics.json, as Python's json module does.
 * Everything mlops writes about it — run.json, {@code train --json}, the verdict file — must still be JSON that a
 * strict parser reads (jq, JavaScript, Jackson's defaults), and read back as the same numbers.
 */
class NonFiniteMetricsIT {

    /** Jackson's defaults: standard JSON only, bare NaN is a syntax error. */
    private static final ObjectMapper STRICT = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void runJsonTrainJsonAndTheVerdictAreValidJsonAndReadBackTheSame() throws Exception {
        Path out = dir.resolve("run");
        Path script = Files.writeString(dir.resolve("diverge.sh"),
                "echo '{\"rmse\": 0.5, \"loss\": NaN, \"grad\": -Infinity}' > \"$MLOPS_METRICS_FILE\"\n");
        CliRun train = CliRun.run(new MlopsCommand(), Map.of(), "train", "--image", "mlops-base:bookworm", "--json",
                "--data", script.toString(), "--command", "sh /mlops/data/diverge.sh", "--output", out.toString());
        assertThat(train.code()).as(train.toString()).isZero();

        JsonNode printed = STRICT.readTree(train.out());
        JsonNode stored = STRICT.readTree(Files.readString(out.resolve("run.json")));
        assertThat(printed).isEqualTo(stored);
        assertThat(stored.get("metrics").get("rmse").asDouble()).isEqualTo(0.5);
        assertThat(stored.get("metrics").get("loss").asText()).isEqualTo("NaN");
        assertThat(stored.get("metrics").get("grad").asText()).isEqualTo("-Infinity");
        TrainingResult back = TrainingRecord.read(out);
        assertThat(back.metrics().get("loss")).isNaN();
        assertThat(back.metrics()).containsEntry("rmse", 0.5).containsEntry("grad", Double.NEGATIVE_INFINITY);

        Path verdict = dir.resolve("verdict.json");
        CliRun gate = CliRun.run(new MlopsCommand(), Map.of(), "validate", "--metrics", out.resolve("metrics.json").toString(),
                "--threshold", "rmse < 0.9", "--threshold", "loss < 1", "--verdict-out", verdict.toString());
        assertThat(gate.code()).as(gate.toString()).isEqualTo(1);
        assertThat(gate.out()).contains("loss' is NaN");
        JsonNode v = STRICT.readTree(Files.readString(verdict));
        assertThat(v.get("metrics").get("loss").asText()).isEqualTo("NaN");
        assertThat(v.get("results").get(1).get("value").asText()).isEqualTo("NaN");
        assertThat(VerdictJson.read(verdict).getMetrics().get("loss")).isNaN();
    }
}
