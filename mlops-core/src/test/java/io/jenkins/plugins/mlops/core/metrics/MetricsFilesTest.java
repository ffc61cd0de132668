package io.jenkins.plugins.mlops.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void jsonFlat() throws Exception {
        assertThat(MetricsFiles.read(file("metrics.json", "{\"rmse\": 0.91, \"mae\": 0.7, \"epochs\": 2}")))
                .containsExactly(entry("rmse", 0.91), entry("mae", 0.7), entry("epochs", 2.0));
    }

    @Test
    void jsonNestedWithPythonNonNumbersAndNonMetricLeaves() throws Exception {
        Map<String, Double> m = MetricsFiles.read(file("metrics.json",
                "{\"eval\": {\"rmse\": NaN, \"loss\": {\"last\": Infinity}}, \"model\": \"mf\", \"ok\": true, \"curve\": [1, 2]}"));
        assertThat(m).containsOnlyKeys("eval.rmse", "eval.loss.last");
        assertThat(m.get("eval.rmse")).isNaN();
        assertThat(m.get("eval.loss.last")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void yamlAsDvcWritesIt() throws Exception {
        // What PyYAML's yaml.dump writes for {"train": {"loss": 0.2}, "eval": {"rmse": float("nan"), "mae": 0.7}}
        Path f = file("metrics.yaml", "eval:\n  mae: 0.7\n  rmse: .nan\ntrain:\n  loss: 0.2\n  best: -.inf\nnote: fine\nwhen: 2026-11-26\n");
        Map<String, Double> m = MetricsFiles.read(f);
        assertThat(m).containsOnlyKeys("eval.mae", "eval.rmse", "train.loss", "train.best");
        assertThat(m.get("eval.mae")).isEqualTo(0.7);
        assertThat(m.get("eval.rmse")).isNaN();
        assertThat(m.get("train.best")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(MetricsFiles.read(file("m.yml", "acc: 1\n"))).containsExactly(entry("acc", 1.0));
        Path dup = file("dup.yaml", "acc: 1\nacc: 2\n");
        assertThatThrownBy(() -> MetricsFiles.read(dup)).hasMessageStartingWith("Cannot read metrics file " + dup + " (YAML): ")
                .hasMessageContaining("acc");
    }

    @Test
    void toml() throws Exception {
        Path f = file("metrics.toml", "rmse = 0.91\n[eval]\nmae = 0.7\nbad = nan\ncount = 10\n");
        Map<String, Double> m = MetricsFiles.read(f);
        assertThat(m).containsOnlyKeys("rmse", "eval.mae", "eval.bad", "eval.count");
        assertThat(m.get("eval.mae")).isEqualTo(0.7);
        assertThat(m.get("eval.bad")).isNaN();
        assertThat(m.get("eval.count")).isEqualTo(10.0);
    }

    @Test
    void otherExtensionsAreJson() throws Exception {
        assertThat(MetricsFiles.read(file("metrics.out", "{\"a\": 1}"))).containsExactly(entry("a", 1.0));
        assertThat(MetricsFiles.Format.of(Path.of("x.YML"))).isEqualTo(MetricsFiles.Format.YAML);
    }

    @Test
    void errorsNameTheFileAndFormat() throws Exception {
        Path list = file("metrics.yaml", "- 1\n- 2\n");
        assertThatThrownBy(() -> MetricsFiles.read(list))
                .isInstanceOf(IOException.class)
                .hasMessage("Metrics file " + list + " must hold a YAML mapping such as 'rmse: 0.9'");
        Path broken = file("metrics.json", "{\"rmse\": ");
        assertThatThrownBy(() -> MetricsFiles.read(broken)).hasMessageStartingWith("Cannot read metrics file " + broken + " (JSON): ");
        Path dup = file("dup.json", "{\"rmse\": 1, \"rmse\": 2}");
        assertThatThrownBy(() -> MetricsFiles.read(dup)).hasMessageContaining("Duplicate field 'rmse'");
        Path badToml = file("m.toml", "rmse = = 1\n");
        assertThatThrownBy(() -> MetricsFiles.read(badToml)).hasMessageStartingWith("Cannot read metrics file " + badToml + " (TOML): ");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> MetricsFiles.read(missing)).hasMessage("Metrics file " + missing + " does not exist");
        assertThatThrownBy(() -> MetricsFiles.read(dir)).hasMessage("Metrics file " + dir + " is a directory, not a metrics file");
    }

    @Test
    void syntaxErrorsSayWhereWithoutTheParsersInternals() throws Exception {
        Path json = file("metrics.json", "{\"rmse\": 0.9,\n \"mae\" 0.7}");
        assertThatThrownBy(() -> MetricsFiles.read(json)).hasMessage("Cannot read metrics file " + json + " (JSON):"
                + " Unexpected character ('0' (code 48)): was expecting a colon to separate field name and value at line 2, column 8");
        Path yaml = file("metrics.yaml", "rmse: 0.9\n  mae: [1\n");
        assertThatThrownBy(() -> MetricsFiles.read(yaml))
                .hasMessageStartingWith("Cannot read metrics file " + yaml + " (YAML): ")
                .hasMessageMatching("(?s)[^\n]*at line 2, column \\d+");
        Path toml = file("m.toml", "rmse = = 1\n");
        assertThatThrownBy(() -> MetricsFiles.read(toml)).hasMessageMatching("[^\n]* at line 1, column \\d+");
        for (Path p : List.of(json, yaml, toml)) {
            assertThatThrownBy(() -> MetricsFiles.read(p)).hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED");
        }
        assertThatThrownBy(() -> MetricsFiles.parse("{\"rmse\": }"))
                .hasMessageStartingWith("Cannot read metrics (JSON): Unexpected character ('}'")
                .hasMessageEndingWith("at line 1, column 10");
    }

    @Test
    void mapsFromAPipelineScript() {
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("mae", new BigDecimal("0.75"));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("rmse", 0.9);
        raw.put("epochs", 2);
        raw.put("eval", eval);
        assertThat(MetricsMaps.flatten("metrics", raw))
                .containsExactly(entry("rmse", 0.9), entry("epochs", 2.0), entry("eval.mae", 0.75));
        assertThatThrownBy(() -> MetricsMaps.flatten("baseline", Map.of("rmse", "0.9")))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'baseline': value of 'rmse' must be a number, got String '0.9'");
        assertThatThrownBy(() -> MetricsMaps.flatten("metrics", Map.of("m", List.of(1))))
                .hasMessageStartingWith("Invalid argument 'metrics': value of 'm' must be a number");
        assertThatThrownBy(() -> MetricsMaps.flatten("metrics", null))
                .hasMessage("Invalid argument 'metrics': is null; give a map of metric names to numbers");
    }
}
