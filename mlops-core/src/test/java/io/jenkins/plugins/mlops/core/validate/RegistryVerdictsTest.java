package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A verdict stored with a registered version keeps whether it passed and everything else the verdict file says. */
class RegistryVerdictsTest {

    @Test
    void keepsPassedApartAndTheRestAsTheVerdictFileWritesIt() throws Exception {
        GateVerdict verdict = MetricGate.evaluate(RuleSet.parse("thresholds", List.of("rmse < 0.9", "mae < 1")),
                Map.of("rmse", 0.95, "mae", Double.NaN), Baseline.of(Map.of("rmse", 0.93), "build #41"),
                (java.nio.file.Path) null, GateOptions.defaults());

        io.jenkins.plugins.mlops.core.registry.GateRecord stored = RegistryVerdicts.of(verdict);

        assertThat(stored.getPassed()).isFalse();
        JsonNode summary = new ObjectMapper().readTree(stored.getSummaryJson());
        assertThat(summary.has("passed")).as("kept once, in getPassed()").isFalse();
        assertThat(summary.path("summary").asText()).isEqualTo("Gate FAILED: 2 of 2 rules failed, 0 passed");
        assertThat(summary.path("results").size()).isEqualTo(2);
        assertThat(summary.path("metrics").path("mae").asText()).isEqualTo("NaN");
        assertThat(summary.path("baseline").path("description").asText()).isEqualTo("build #41");
        assertThat(RegistryVerdicts.of(MetricGate.evaluate(RuleSet.parse("t", List.of("rmse < 1")),
                Map.of("rmse", 0.5), Baseline.none("none"), (java.nio.file.Path) null, GateOptions.defaults()))
                .getPassed()).isTrue();
    }
}
