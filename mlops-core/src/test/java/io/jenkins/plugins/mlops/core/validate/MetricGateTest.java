package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.stats.Predictions;
import io.jenkins.plugins.mlops.core.validate.stats.RegressionPredictions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricGateTest {

    private static final Map<String, Double> METRICS = Map.of("rmse", 0.91, "mae", 0.70, "eval.f1", 0.8);
    private static final Baseline BUILD_41 = Baseline.of(Map.of("rmse", 0.93, "mae", 0.69), "build #41");

    static GateVerdict gate(Map<String, Double> metrics, Baseline baseline, String... rules) throws InterruptedException {
        return gate(metrics, baseline, null, rules);
    }

    static GateVerdict gate(Map<String, Double> metrics, Baseline baseline, Predictions predictions, String... rules)
            throws InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)), metrics, baseline, predictions,
                GateOptions.defaults());
    }

    static RuleResult only(GateVerdict v) {
        assertThat(v.getResults()).hasSize(1);
        return v.getResults().get(0);
    }

    @Test
    void theIssueExample() throws Exception {
        GateVerdict v = gate(METRICS, BUILD_41, "rmse < 0.95", "mae <= 0.75", "rmse <= baseline.rmse * 1.01");
        assertThat(v.isPassed()).isTrue();
        assertThat(v.getSummary()).isEqualTo("Gate PASSED: 3 of 3 rules passed");
        RuleResult r1 = v.getResults().get(0);
        assertThat(r1.getStatus()).isEqualTo(RuleStatus.PASSED);
        assertThat(r1.getValue()).isEqualTo(0.91);
        assertThat(r1.getThreshold()).isEqualTo(0.95);
        assertThat(r1.getBaseline()).isNull();
        assertThat(r1.getReason()).isEqualTo("rmse = 0.91 < 0.95");
        RuleResult r3 = v.getResults().get(2);
        assertThat(r3.getValue()).isEqualTo(0.91);
        assertThat(r3.getThreshold()).isCloseTo(0.9393, within(1e-12));
        assertThat(r3.getBaseline()).isEqualTo(0.93);
        assertThat(r3.getInputs()).containsOnlyKeys("rmse", "baseline.rmse");
        assertThat(r3.getReason()).isEqualTo("rmse = 0.91 <= baseline.rmse * 1.01 = 0.9393");
    }

    @Test
    void failingComparisonSaysWhy() throws Exception {
        GateVerdict v = gate(METRICS, BUILD_41, "rmse < 0.9", "mae <= baseline.mae", "eval.f1 > 0.5");
        assertThat(v.isPassed()).isFalse();
        assertThat(v.getSummary()).isEqualTo("Gate FAILED: 2 of 3 rules failed, 1 passed");
        assertThat(v.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.FAILED, RuleStatus.FAILED, RuleStatus.PASSED);
        assertThat(v.getResults().get(0).getReason()).isEqualTo("rmse = 0.91 is not < 0.9");
        assertThat(v.getResults().get(1).getReason()).isEqualTo("mae = 0.7 is not <= baseline.mae = 0.69");
    }

    @Test
    void missingMetricFailsAndListsTheMetrics() throws Exception {
        RuleResult r = only(gate(METRICS, BUILD_41, "f1 > 0.5"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(r.getReason()).isEqualTo("metric 'f1' is missing (did you mean 'eval.f1'?); the metrics are: eval.f1, mae, rmse");
    }

    @Test
    void aTypoInAMetricNameSuggestsTheCloseName() throws Exception {
        Map<String, Double> m = Map.of("accuracy", 0.93, "precision", 0.9, "recall", 0.8, "f1", 0.85);
        assertThat(only(gate(m, BUILD_41, "accurcy > 0.9")).getReason()).isEqualTo("metric 'accurcy' is missing"
                + " (did you mean 'accuracy'?); the metrics are: accuracy, f1, precision, recall");
        assertThat(only(gate(m, BUILD_41, "precison > 0.9 && recall > 0.5")).getReason())
                .startsWith("metric 'precison' is missing (did you mean 'precision'?)");
        assertThat(only(gate(m, BUILD_41, "Recall > 0.5")).getReason())
                .startsWith("metric 'Recall' is missing (did you mean 'recall'?)");
        // Nothing close, or two names equally close: no guess.
        assertThat(only(gate(m, BUILD_41, "loss < 0.5")).getReason()).startsWith("metric 'loss' is missing; the metrics are:");
        Map<String, Double> two = Map.of("f1", 0.8, "f2", 0.7);
        assertThat(only(gate(two, BUILD_41, "f3 > 0.5")).getReason()).startsWith("metric 'f3' is missing; the metrics are:");
    }

    @Test
    void missingMetricFailsEvenWhereOrWouldNotLook() throws Exception {
        RuleResult r = only(gate(METRICS, BUILD_41, "rmse < 1 || accuracy > 0.9"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(r.getReason()).startsWith("metric 'accuracy' is missing; the metrics are:");
    }

    @Test
    void nanAndInfiniteValuesFailByName() throws Exception {
        Map<String, Double> m = new LinkedHashMap<>(METRICS);
        m.put("rmse", Double.NaN);
        m.put("loss", Double.POSITIVE_INFINITY);
        GateVerdict v = gate(m, BUILD_41, "rmse < 1", "loss < 1", "rmse > 1 || mae < 1");
        assertThat(v.getResults()).extracting(RuleResult::getReason).containsExactly(
                "metric 'rmse' is NaN", "metric 'loss' is infinite (Infinity)", "metric 'rmse' is NaN");
        assertThat(v.getResults()).allMatch(r -> r.getStatus() == RuleStatus.FAILED);
        RuleResult b = only(gate(METRICS, Baseline.of(Map.of("rmse", Double.NaN), "build #7"), "rmse <= baseline.rmse"));
        assertThat(b.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(b.getReason()).isEqualTo("baseline.rmse (build #7) is NaN");
    }

    @Test
    void divisionByZeroFails() throws Exception {
        RuleResult r = only(gate(METRICS, Baseline.of(Map.of("rmse", 0.0), "build #2"), "rmse / baseline.rmse < 1.1"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(r.getReason()).isEqualTo("'rmse / baseline.rmse' is Infinity (division by zero)");
    }

    @Test
    void withoutBaselineTheComparisonsAreSkippedAndTheGatePasses() throws Exception {
        GateVerdict v = gate(METRICS, Baseline.none("no previous successful build"),
                "rmse < 0.95", "rmse <= baseline.rmse * 1.01", "abs(mae - baseline.mae) < 0.1");
        assertThat(v.isPassed()).isTrue();
        assertThat(v.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.PASSED, RuleStatus.SKIPPED, RuleStatus.SKIPPED);
        assertThat(v.getResults().get(1).getReason())
                .isEqualTo("skipped: no baseline to compare with (no previous successful build)");
        assertThat(v.getResults().get(1).getValue()).isEqualTo(0.91);
        assertThat(v.getResults().get(1).getThreshold()).isNull();
        assertThat(v.getSummary()).isEqualTo("Gate PASSED: 1 of 3 rules passed, 2 skipped");
        assertThat(v.getNotes()).contains("No baseline (no previous successful build): 2 rules that compare with it were skipped");
        assertThat(v.isBaselineAvailable()).isFalse();
    }

    @Test
    void missingMetricStillFailsWithoutBaseline() throws Exception {
        RuleResult r = only(gate(METRICS, Baseline.none("first build"), "accuracy >= baseline.accuracy"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    void baselineWithoutTheMetricSkips() throws Exception {
        RuleResult r = only(gate(METRICS, BUILD_41, "eval.f1 >= baseline.eval.f1"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.SKIPPED);
        assertThat(r.getReason()).isEqualTo("skipped: the baseline (build #41) has no metric 'eval.f1'; it has: mae, rmse");
    }

    @Test
    void compoundRulesNameTheFailingParts() throws Exception {
        GateVerdict v = gate(METRICS, BUILD_41,
                "rmse < 0.95 && mae < 0.5 && eval.f1 > 0.9",
                "rmse < 0.5 || mae < 0.5",
                "!(rmse < 1)",
                "rmse < 0.95 && mae < 0.75",
                "min(rmse, mae) > 0.8",
                "rmse < 0.5 || mae < 0.5 || eval.f1 > 0.9");
        assertThat(v.getResults()).extracting(RuleResult::getReason).containsExactly(
                "mae = 0.7 is not < 0.5; eval.f1 = 0.8 is not > 0.9",
                "neither holds: rmse = 0.91 is not < 0.5; mae = 0.7 is not < 0.5",
                "'(rmse < 1)' holds (rmse = 0.91)",
                "holds: rmse = 0.91, mae = 0.7",
                "min(rmse, mae) = 0.7 is not > 0.8",
                "none holds: rmse = 0.91 is not < 0.5; mae = 0.7 is not < 0.5; eval.f1 = 0.8 is not > 0.9");
        assertThat(v.getResults().get(3).getValue()).isNull();
    }

    @Test
    void nothingToCheckIsAnArgumentError() {
        assertThatThrownBy(() -> gate(Map.of(), BUILD_41, "rmse < 1"))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageStartingWith("Invalid argument 'metrics': no metrics to check");
    }

    @Test
    void metricsFromPredictionsJoinWithIntervals() throws Exception {
        // errors alternate +0.5 / -0.5: rmse = mae = 0.5 in every resample, so the interval has zero width.
        RegressionPredictions p = constantError(400, 0.5);
        GateVerdict v = gate(Map.of("rmse", 0.7, "epochs", 2.0), BUILD_41, p,
                "rmse < 0.6", "rmse.ci_high < 0.6", "predictions.count >= 400", "epochs == 2");
        assertThat(v.isPassed()).isTrue();
        assertThat(v.getMetrics()).containsEntry("rmse", 0.5).containsEntry("mae", 0.5)
                .containsKeys("rmse.ci_low", "rmse.ci_high", "mae.ci_low", "mae.ci_high")
                .containsEntry("predictions.count", 400.0).containsEntry("epochs", 2.0);
        assertThat(v.getMetrics().get("rmse.ci_high")).isCloseTo(0.5, within(1e-12));
        assertThat(v.getNotes()).contains("rmse from the predictions (0.5) replaces rmse from the metrics (0.7)");
        assertThat(v.getNotes()).anyMatch(n -> n.startsWith("rmse, mae computed from 400 predictions (regression)"
                + " with 95% BCa bootstrap intervals (1000 resamples, seed 42)"));
        assertThat(v.getPredictionCount()).isEqualTo(400);
        assertThat(v.getPredictionTask()).isEqualTo("regression");
    }

    @Test
    void significantPassesWhenTheWholeIntervalIsOnTheGoodSide() throws Exception {
        RegressionPredictions p = constantError(400, 0.5);
        RuleResult r = only(gate(Map.of(), BUILD_41, p, "significant(rmse < baseline.rmse, 0.99)"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.PASSED);
        assertThat(r.getCiLow()).isCloseTo(0.5, within(1e-12));
        assertThat(r.getCiHigh()).isCloseTo(0.5, within(1e-12));
        assertThat(r.getConfidence()).isEqualTo(0.99);
        assertThat(r.getValue()).isEqualTo(0.5);
        assertThat(r.getThreshold()).isEqualTo(0.93);
        assertThat(r.getComparison()).isEqualTo("unpaired");
        assertThat(r.getReason()).isEqualTo("rmse = 0.5, 99% CI [0.5, 0.5] lies entirely < baseline.rmse = 0.93:"
                + " significant at 99% (unpaired: the baseline's recorded value taken as exact)");
    }

    @Test
    void significantFailsWhenTheIntervalStraddlesTheBound() throws Exception {
        // Errors 0 or 1 with p = 0.5: MAE ≈ 0.5 with standard error ≈ 0.5/sqrt(400) = 0.025; a bound of 0.52 lies
        // inside the 95% interval, so the point estimate is below it but not significantly.
        double[] labels = new double[400];
        double[] predictions = new double[400];
        for (int i = 0; i < 400; i++) {
            predictions[i] = i % 2;
        }
        RegressionPredictions p = new RegressionPredictions(labels, predictions);
        GateVerdict v = gate(Map.of(), Baseline.of(Map.of("mae", 0.52), "champion"), p,
                "mae < baseline.mae", "significant(mae < baseline.mae)", "significant(baseline.mae * 1.2 > mae)");
        assertThat(v.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.PASSED, RuleStatus.FAILED, RuleStatus.PASSED);
        RuleResult r = v.getResults().get(1);
        assertThat(r.getCiLow()).isLessThan(0.5).isGreaterThan(0.43);
        assertThat(r.getCiHigh()).isGreaterThan(0.52).isLessThan(0.57);
        assertThat(r.getConfidence()).isEqualTo(0.95);
        assertThat(r.getReason()).matches("mae = 0\\.5, 95% CI \\[0\\.4\\d+, 0\\.5\\d+\\] does not lie entirely < "
                + "baseline\\.mae = 0\\.52: not significant at 95% \\(unpaired: the baseline's recorded value taken as exact\\)");
        assertThat(v.getResults().get(2).getReason()).contains("lies entirely < baseline.mae * 1.2 = 0.624");
    }

    @Test
    void significantWithoutPredictionsFailsAndSaysWhatIsNeeded() throws Exception {
        RuleResult r = only(gate(METRICS, BUILD_41, "significant(rmse < baseline.rmse)"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(r.getReason()).isEqualTo("significant() needs per-example predictions to compute a confidence"
                + " interval for 'rmse'; give a predictions file (predictions.csv with label and prediction columns)");
        RuleResult other = only(gate(METRICS, BUILD_41, constantError(10, 1), "significant(eval.f1 > 0.5)"));
        assertThat(other.getReason()).isEqualTo("significant() has no confidence interval for 'eval.f1'; intervals"
                + " exist for the metrics computed from predictions: rmse, mae");
    }

    @Test
    void significantWithoutBaselineIsSkipped() throws Exception {
        RuleResult r = only(gate(Map.of(), Baseline.none("first build"), constantError(10, 1), "significant(rmse < baseline.rmse)"));
        assertThat(r.getStatus()).isEqualTo(RuleStatus.SKIPPED);
    }

    @Test
    void stepReturnValueHasTheDocumentedShape() throws Exception {
        GateVerdict v = gate(METRICS, BUILD_41, "rmse < 0.9", "mae <= baseline.mae * 1.05");
        Map<String, Object> m = v.toMap();
        assertThat(m).containsEntry("passed", false).containsEntry("baseline", "build #41")
                .containsKeys("results", "metrics", "notes", "summary");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) m.get("results");
        assertThat(results.get(0)).containsEntry("rule", "rmse < 0.9").containsEntry("status", "FAILED")
                .containsEntry("passed", false).containsEntry("value", 0.91).containsEntry("baseline", null)
                .containsEntry("reason", "rmse = 0.91 is not < 0.9");
        assertThat(results.get(1)).containsEntry("status", "PASSED").containsEntry("passed", true)
                .containsEntry("baseline", 0.69);
    }

    @Test
    void verdictSurvivesJavaSerialization() throws Exception {
        GateVerdict v = gate(METRICS, BUILD_41, constantError(50, 0.25), "rmse < 0.9", "significant(rmse < baseline.rmse)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
            out.writeObject(RuleSet.parse("thresholds", List.of("significant(rmse < baseline.rmse, 0.9) || mae < 1")));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            GateVerdict back = (GateVerdict) in.readObject();
            assertThat(back.toMap()).isEqualTo(v.toMap());
            assertThat(((RuleSet) in.readObject()).size()).isEqualTo(1);
        }
    }

    static RegressionPredictions constantError(int n, double error) {
        double[] labels = new double[n];
        double[] predictions = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            predictions[i] = labels[i] + (i % 2 == 0 ? error : -error);
        }
        return new RegressionPredictions(labels, predictions);
    }
}
