package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import io.jenkins.plugins.mlops.testing.jenkins.StaplerExport;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code /job/x/N/api/json} shows of our build actions: dashboards and scripts read the metrics, the gate's
 * verdict and rules, and the registered version from there, as they read JUnit's and Coverage's results. Exported
 * by the rules of Stapler's exporter ({@link StaplerExport}), from the actions a build of plugin 0.1 stored
 * (the golden build.xml fixture), which is what users' existing builds hold.
 */
class RestApiExportTest {

    @Test
    void theBuildsApiShowsTheMetricsTheVerdictAndTheVersionAtDepthZero() throws Exception {
        Object actions = StaplerExport.exportAsProperty(fixtureActions(), 1, 0);

        assertThat(actions).asList().hasSize(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) actions;
        Map<String, Object> training = shown.get(0);
        assertThat(training).containsEntry("succeeded", true).containsEntry("runId", "run-1a2b")
                .containsEntry("model", ".mlops/runs/7-abcdef01/model");
        assertThat(training.get("metrics")).isEqualTo(Map.of("rmse", 0.91, "nan", "NaN"));

        Map<String, Object> gate = shown.get(1);
        assertThat(gate).containsEntry("passed", false)
                .containsEntry("summary", "Gate FAILED: 1 of 2 rules failed, 1 passed");
        assertThat(gate.get("metrics")).isEqualTo(Map.of("rmse", 0.91));
        assertThat(gate.get("rules")).asList().hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> failedRule = ((List<Map<String, Object>>) gate.get("rules")).get(1);
        assertThat(failedRule).containsEntry("rule", "rmse <= baseline.rmse").containsEntry("status", "FAILED")
                .containsEntry("value", 0.91).containsEntry("baseline", 0.9);

        Map<String, Object> registration = shown.get(2);
        assertThat(registration).containsEntry("name", "movie_predictor").containsEntry("version", 3)
                .containsEntry("digest", "sha256:record").containsEntry("gate", "failed")
                .containsEntry("aliases", List.of("candidate"));
    }

    @Test
    void depthOneShowsEverythingExportedAndEveryValueIsExportable() throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) StaplerExport.exportAsProperty(
                fixtureActions(), 1, 1);
        assertThat(shown.get(0)).containsKeys("image", "imageId", "dataDigest", "durationMillis", "params",
                "exitCode", "callId");
        assertThat(shown.get(1)).containsKeys("compareTo", "baselineDescription", "baselineMetrics", "notes");
        assertThat(shown.get(2)).containsKeys("job", "buildNumber", "gitCommit", "gitUrl", "registry", "size");
    }

    /** A Jenkinsfile's {@code params: [lr: 0.01]} holds a BigDecimal, which Stapler cannot export at all. */
    @Test
    void aJenkinsfilesDecimalParamIsExportedAsANumber() {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("lr", new BigDecimal("0.01"));
        p.put("layers", 3);
        io.jenkins.plugins.mlops.core.train.TrainingSpec spec = io.jenkins.plugins.mlops.core.train.TrainingSpec
                .builder().image("t").outputDir("/ws/o").build();
        io.jenkins.plugins.mlops.core.train.TrainingResult r = new io.jenkins.plugins.mlops.core.train.TrainingResult(
                "run", "sha256:i", 0, "/ws/o", "/ws/o/model", Map.of("rmse", 0.8), p, null,
                java.time.Duration.ofSeconds(1));
        Object shown = StaplerExport.export(io.jenkins.plugins.mlops.train.TrainingAction.succeeded("1-a", spec, r,
                "o/model"), 0);
        assertThat(shown).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("params", Map.of("lr", 0.01, "layers", 3));
    }

    /** The learning curves a build keeps: exportable JSON, with a NaN as text and a missing value as null. */
    @Test
    void theTrainingsLearningCurvesAreInTheApiAtDepthOne() throws Exception {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) StaplerExport.exportAsProperty(
                fixtureActions("actions-0.2.xml"), 1, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> history = (Map<String, Object>) shown.get(0).get("history");
        assertThat(history).containsEntry("index", "epoch").containsEntry("steps", List.of(1.0, 2.0, 3.0))
                .containsEntry("historyRows", 300);
        assertThat(history.get("columns")).isEqualTo(Map.of("loss", List.of(0.9, 0.7, "NaN"),
                "val_loss", java.util.Arrays.asList(null, 0.8, 0.75)));
    }

    private static List<Action> fixtureActions() throws Exception {
        return fixtureActions("actions-0.1.xml");
    }

    private static List<Action> fixtureActions(String fixture) throws Exception {
        try (InputStream in = RestApiExportTest.class.getResourceAsStream(
                "/io/jenkins/plugins/mlops/build-xml/" + fixture)) {
            @SuppressWarnings("unchecked")
            List<Action> actions = (List<Action>) JenkinsXStream.create()
                    .fromXML(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return actions;
        }
    }
}
