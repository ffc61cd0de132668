package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictJsonTest {

    @TempDir
    Path dir;

    private static GateVerdict sample() throws InterruptedException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.91);
        metrics.put("loss", Double.NaN);
        return MetricGateTest.gate(metrics, Baseline.of(Map.of("rmse", 0.93), "build #41"),
                MetricGateTest.constantError(100, 0.5),
                "rmse < 0.95", "loss < 1", "significant(rmse < baseline.rmse, 0.9)", "mae <= baseline.mae");
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        GateVerdict v = sample();
        GateVerdict back = VerdictJson.fromJson(VerdictJson.toJson(v));
        assertThat(back.toMap()).isEqualTo(v.toMap());
        assertThat(back.isPassed()).isFalse();
        assertThat(back.getMetrics().get("loss")).isNaN();
        assertThat(back.getResults().get(2).getCiLow()).isEqualTo(v.getResults().get(2).getCiLow());
        assertThat(back.getResults().get(3).getStatus()).isEqualTo(RuleStatus.SKIPPED);
    }

    @Test
    void fileIsPlainDocumentedJson() throws Exception {
        Path file = dir.resolve("out/verdict.json");
        VerdictJson.write(sample(), file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("results").get(0).get("rule").asText()).isEqualTo("rmse < 0.95");
        assertThat(json.get("results").get(0).get("status").asText()).isEqualTo("PASSED");
        assertThat(json.get("results").get(1).get("reason").asText()).isEqualTo("metric 'loss' is NaN");
        assertThat(json.get("metrics").get("loss").asText()).isEqualTo("NaN");
        assertThat(json.get("baseline").get("description").asText()).isEqualTo("build #41");
        assertThat(json.get("predictions").get("count").asInt()).isEqualTo(100);
        assertThat(json.get("bootstrap").get("seed").asLong()).isEqualTo(42);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(VerdictJson.read(file).toMap()).isEqualTo(sample().toMap());
    }

    @Test
    void rejectsWhatIsNotAVerdict() throws Exception {
        assertThatThrownBy(() -> VerdictJson.fromJson("[1]")).hasMessage("not a verdict: expected a JSON object");
        assertThatThrownBy(() -> VerdictJson.fromJson("{\"format\": 2}"))
                .hasMessage("unknown verdict format 2; this version reads format 1");
        assertThatThrownBy(() -> VerdictJson.fromJson("{\"format\": 1}")).hasMessage("not a verdict: 'results' is missing");
        String tampered = VerdictJson.toJson(sample()).replaceFirst("\"passed\" : false", "\"passed\" : true");
        assertThatThrownBy(() -> VerdictJson.fromJson(tampered))
                .hasMessage("'passed' is true but the results say otherwise");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> VerdictJson.read(missing)).isInstanceOf(IOException.class)
                .hasMessage("Verdict file " + missing + " does not exist");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": 1,");
        assertThatThrownBy(() -> VerdictJson.read(broken)).hasMessageStartingWith("Verdict file " + broken + ": not JSON: ")
                .hasMessageEndingWith("at line 1, column 14").hasMessageNotContaining("Source");
    }
}
