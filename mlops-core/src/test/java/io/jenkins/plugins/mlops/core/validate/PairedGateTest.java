package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.stats.ClassificationPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.PairedPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.RegressionPredictions;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gate with the baseline's predictions on the same examples: paired intervals, delta.*, corrections. */
class PairedGateTest {

    private static final int N = 60;

    /** Baseline errors from a fixed stream; the candidate's are {@code factor} times the baseline's, example by example. */
    static PairedPredictions scaled(double factor) {
        SplittableRandom rng = new SplittableRandom(4);
        double[] labels = new double[N];
        double[] candidate = new double[N];
        double[] baseline = new double[N];
        for (int i = 0; i < N; i++) {
            labels[i] = 2 + i % 3;
            double e = rng.nextDouble() * 2 - 1;
            baseline[i] = labels[i] + e;
            candidate[i] = labels[i] + factor * e;
        }
        return PairedPredictions.of(new RegressionPredictions(labels, candidate),
                new RegressionPredictions(labels.clone(), baseline), PairedPredictions.Matching.ROW_ORDER);
    }

    static GateVerdict gate(PairedPredictions paired, Baseline recorded, String correction, String... rules)
            throws InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)),
                GateInputs.builder().paired(paired).baseline(recorded).build(),
                GateOptions.builder("").correction(correction).build());
    }

    private static final Baseline PRODUCTION = Baseline.of(Map.of("rmse", 0.6, "mae", 0.5), "model movie@production");

    @Test
    void pairedTestSeesWhatTheUnpairedCannot() throws Exception {
        // Every resample of the candidate's errors is 0.9 times the baseline's on the same draws: the difference is
        // negative on every resample, however noisy each model's own RMSE is on 60 examples.
        PairedPredictions p = scaled(0.9);
        GateVerdict paired = gate(p, PRODUCTION, null, "significant(rmse < baseline.rmse)");
        RuleResult r = paired.getResults().get(0);
        assertThat(r.getStatus()).isEqualTo(RuleStatus.PASSED);
        assertThat(r.getComparison()).isEqualTo("paired");
        assertThat(r.getCiHigh()).isNegative();
        assertThat(r.getReason()).matches("rmse - baseline\\.rmse = -0\\.0\\d+, 95% CI \\[-0\\.\\d+, -0\\.0\\d+\\] lies"
                + " entirely < 0: significant at 95% \\(paired on 60 examples\\)");
        assertThat(paired.getComparison()).isEqualTo("paired");
        assertThat(paired.getPairing()).isEqualTo("row order");

        // The same candidate against the baseline's RMSE on these examples, taken as a fixed number: not significant.
        double baselineRmse = paired.getBaselineMetrics().get("rmse");
        GateVerdict unpaired = MetricGate.evaluate(RuleSet.parse("thresholds", List.of("significant(rmse < baseline.rmse)")),
                GateInputs.builder().predictions(p.candidate())
                        .baseline(Baseline.of(Map.of("rmse", baselineRmse), "recorded")).build(),
                GateOptions.defaults());
        assertThat(unpaired.getResults().get(0).getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(unpaired.getResults().get(0).getComparison()).isEqualTo("unpaired");
        assertThat(unpaired.getComparison()).isEqualTo("unpaired");
        assertThat(unpaired.getPairing()).isNull();
    }

    @Test
    void baselineMetricsAreRecomputedAndDeltasGetIntervals() throws Exception {
        GateVerdict v = gate(scaled(0.9), PRODUCTION, null, "delta.rmse < 0", "baseline.rmse.ci_high > baseline.rmse");
        assertThat(v.isPassed()).as(v.getResults().toString()).isTrue();
        Map<String, Double> m = v.getMetrics();
        Map<String, Double> b = v.getBaselineMetrics();
        assertThat(m.get("delta.rmse")).isCloseTo(m.get("rmse") - b.get("rmse"), within(1e-15));
        assertThat(m.get("delta.rmse")).isCloseTo(-0.1 * b.get("rmse"), within(1e-12));
        assertThat(m.get("delta.rmse.ci_low")).isLessThan(m.get("delta.rmse"));
        assertThat(m.get("delta.rmse.ci_high")).isGreaterThan(m.get("delta.rmse")).isNegative();
        assertThat(m).containsKeys("delta.mae", "delta.mae.ci_low", "delta.mae.ci_high");
        assertThat(b).containsKeys("rmse", "rmse.ci_low", "rmse.ci_high", "mae", "mae.ci_low", "mae.ci_high");
        // Recomputed on the same examples, not the recorded 0.6 / 0.5: both kept, and the notes say they differ.
        assertThat(b.get("rmse")).isNotEqualTo(0.6);
        assertThat(v.getBaselineRecordedMetrics()).containsExactlyInAnyOrderEntriesOf(Map.of("rmse", 0.6, "mae", 0.5));
        assertThat(v.getNotes()).anyMatch(n -> n.startsWith("baseline.rmse from the predictions (")
                && n.endsWith(") replaces baseline.rmse from the baseline's recorded metrics (model movie@production) (0.6)"));
        assertThat(v.getNotes()).anyMatch(n -> n.startsWith("paired: the baseline's predictions for the same 60 examples"
                + " (matched by row order) were resampled with the candidate's"));
        assertThat(v.getBaselineDescription()).isEqualTo("model movie@production");
    }

    @Test
    void nonInferiorityMarginReadsNaturally() throws Exception {
        // A candidate 2% worse on every example is not significantly better, but significantly within 10%.
        PairedPredictions p = scaled(1.02);
        GateVerdict v = gate(p, PRODUCTION, null, "significant(rmse < baseline.rmse)",
                "significant(rmse < baseline.rmse * 1.1)", "significant(rmse < baseline.rmse + 0.05)");
        assertThat(v.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.FAILED, RuleStatus.PASSED, RuleStatus.PASSED);
        assertThat(v.getResults().get(1).getReason()).startsWith("rmse - baseline.rmse * 1.1 = -0.0");
        assertThat(v.getResults().get(2).getReason()).startsWith("rmse - (baseline.rmse + 0.05) = -0.0");
        assertThat(v.getResults().get(0).getReason()).contains("does not lie entirely < 0: not significant at 95%");
    }

    @Test
    void deltaWithoutBaselinePredictionsSaysWhatItNeeds() throws Exception {
        GateVerdict v = MetricGate.evaluate(RuleSet.parse("thresholds", List.of("delta.rmse < 0")),
                GateInputs.builder().predictions(scaled(1).candidate()).baseline(PRODUCTION).build(), GateOptions.defaults());
        assertThat(v.getResults().get(0).getReason()).startsWith("metric 'delta.rmse' is missing; delta.<metric> needs"
                + " the baseline's predictions on the same examples (a paired comparison); the metrics are:");
    }

    @Test
    void withoutARecordedBaselineThePredictionsAreTheBaseline() throws Exception {
        GateVerdict v = gate(scaled(0.9), Baseline.none("no previous successful build"), null,
                "significant(rmse < baseline.rmse)");
        assertThat(v.isPassed()).isTrue();
        assertThat(v.isBaselineAvailable()).isTrue();
        assertThat(v.getBaselineDescription()).isEqualTo("the baseline's predictions");
    }

    @Test
    void bonferroniAndHolmAdjustTheLevelsAndSaySo() throws Exception {
        // Noisy pairs: the candidate's errors 0.95 times the baseline's plus noise of its own.
        SplittableRandom rng = new SplittableRandom(8);
        double[] labels = new double[N];
        double[] candidate = new double[N];
        double[] baseline = new double[N];
        for (int i = 0; i < N; i++) {
            double e = rng.nextDouble() * 2 - 1;
            baseline[i] = e;
            candidate[i] = 0.95 * e + (rng.nextDouble() - 0.5) * 0.3;
        }
        PairedPredictions p = PairedPredictions.of(new RegressionPredictions(labels, candidate),
                new RegressionPredictions(labels.clone(), baseline), PairedPredictions.Matching.ROW_ORDER);
        // A bound the difference's 95% interval lies below but its 97.5% interval does not.
        io.jenkins.plugins.mlops.core.validate.stats.Resamples r = MetricGate.resample(
                GateInputs.builder().paired(p).build(), GateOptions.defaults());
        int c = r.indexOf("rmse");
        int b = r.indexOf("baseline.rmse");
        var delta = r.distribution(v -> v[c] - v[b]);
        double bound = (delta.interval(0.95).high() + delta.interval(0.975).high()) / 2;
        String clear = "significant(rmse < baseline.rmse + 0.2)";
        String close = "significant(delta.rmse < " + bound + ")";
        GateVerdict none = gate(p, PRODUCTION, "none", clear, close);
        GateVerdict bonferroni = gate(p, PRODUCTION, "bonferroni", clear, close);
        GateVerdict holm = gate(p, PRODUCTION, "holm", clear, close);

        assertThat(none.getResults()).extracting(RuleResult::getConfidence).containsExactly(0.95, 0.95);
        assertThat(none.getResults()).extracting(RuleResult::getStatus).containsExactly(RuleStatus.PASSED, RuleStatus.PASSED);
        // Bonferroni: both at 97.5%, where the close one fails.
        assertThat(bonferroni.getResults()).extracting(RuleResult::getConfidence).containsExactly(0.975, 0.975);
        assertThat(bonferroni.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.PASSED, RuleStatus.FAILED);
        // Holm: the clear test holds at 97.5%, which leaves one test, tried at 95%: it holds.
        assertThat(holm.getResults()).extracting(RuleResult::getConfidence).containsExactly(0.975, 0.95);
        assertThat(holm.getResults()).extracting(RuleResult::getStatus).containsExactly(RuleStatus.PASSED, RuleStatus.PASSED);
        assertThat(holm.getResults().get(1).getReason()).startsWith("delta.rmse - " + bound + " = ")
                .endsWith("significant at 95% (95% with Holm's correction for 2 tests; paired on 60 examples)");
        assertThat(bonferroni.getResults().get(0).getReason()).endsWith("significant at 97.5% (95% with Bonferroni's"
                + " correction for 2 tests; paired on 60 examples)");

        assertThat(none.getCorrection()).isEqualTo("none");
        assertThat(none.getSignificanceTests()).isEqualTo(2);
        assertThat(none.getFamilyWiseErrorRate()).isCloseTo(0.05, within(1e-12));
        assertThat(holm.getFamilyWiseErrorRate()).isCloseTo(0.025, within(1e-12));
        assertThat(none.getNotes()).contains("2 significant() tests, each at its own level: the chance that at least one"
                + " of them reports a difference that is not there (a false alarm of the gate) is at most 5%, the sum of"
                + " their one-sided levels; correction 'holm' or 'bonferroni' would bound it by the largest single level");
        assertThat(holm.getNotes()).contains("2 significant() tests with Holm's correction: the chance that at least one"
                + " of them reports a difference that is not there (a false alarm of the gate) is at most 2.5%");
    }

    @Test
    void aFewResamplesBeyondABoundAreNoted() throws Exception {
        GateVerdict v = gate(scaled(0.9), PRODUCTION, "bonferroni", "significant(rmse < baseline.rmse, 0.99)",
                "significant(mae < baseline.mae, 0.99)");
        assertThat(v.getNotes()).anyMatch(n -> n.startsWith("an interval at 99.5% rests on fewer than 10 of the 1000"
                + " resamples beyond each bound"));
    }

    @Test
    void correctionIsAnArgument() {
        assertThat(GateOptions.builder("").correction("Holm").build().getCorrection()).isEqualTo(Correction.HOLM);
        assertThat(GateOptions.builder("").correction(null).build().getCorrection()).isEqualTo(Correction.NONE);
        assertThatThrownBy(() -> GateOptions.builder("--").correction("fdr"))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument '--correction': 'fdr' is not a correction; use none, holm or bonferroni");
    }

    @Test
    void verdictFileKeepsThePairingAndTheCorrection() throws Exception {
        GateVerdict v = gate(scaled(0.9), PRODUCTION, "holm", "significant(rmse < baseline.rmse)", "mae < 1");
        GateVerdict back = VerdictJson.fromJson(VerdictJson.toJson(v));
        assertThat(back.getPairing()).isEqualTo("row order");
        assertThat(back.getComparison()).isEqualTo("paired");
        assertThat(back.getBaselineRecordedMetrics()).isEqualTo(v.getBaselineRecordedMetrics());
        assertThat(back.getCorrection()).isEqualTo("holm");
        assertThat(back.getSignificanceTests()).isEqualTo(1);
        assertThat(back.getFamilyWiseErrorRate()).isCloseTo(0.025, within(1e-15));
        assertThat(back.getResults().get(0).getComparison()).isEqualTo("paired");
        assertThat(back.getResults().get(1).getComparison()).isNull();
        assertThat(VerdictJson.toJson(back)).isEqualTo(VerdictJson.toJson(v));
        Map<String, Object> map = v.toMap();
        assertThat(map).containsEntry("comparison", "paired").containsEntry("pairing", "row order")
                .containsEntry("correction", "holm").containsEntry("interval", "bca").containsEntry("significanceTests", 1);
    }

    // ---- classification ----------------------------------------------------------------------------------------

    /** 200 examples, 90% of them 'ok': a constant 'ok' model, and one wrong on 4 of the 180 'ok' and 2 of the 20 'fraud'. */
    static ClassificationPredictions imbalanced(boolean constant) {
        int n = 200;
        int[] labels = new int[n];
        int[] predictions = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10 == 0 ? 1 : 0;
            predictions[i] = constant ? 0 : i % 50 == 7 || i % 100 == 50 ? 1 - labels[i] : labels[i];
        }
        return new ClassificationPredictions(labels, predictions, List.of("ok", "fraud"));
    }

    @Test
    void aConstantModelCannotPassByPredictingTheMajorityClass() throws Exception {
        String[] rules = {"accuracy >= 0.85", "significant(accuracy > majority.accuracy)", "recall > 0.5", "f1 > 0.6"};
        GateVerdict constant = MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)),
                GateInputs.builder().predictions(imbalanced(true)).build(), GateOptions.defaults());
        assertThat(constant.getMetrics().get("accuracy")).isEqualTo(0.9);
        assertThat(constant.getMetrics().get("majority.accuracy")).isEqualTo(0.9);
        assertThat(constant.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.PASSED, RuleStatus.FAILED, RuleStatus.FAILED, RuleStatus.FAILED);
        assertThat(constant.getResults().get(1).getReason()).isEqualTo("accuracy - majority.accuracy = 0, 95% CI [0, 0]"
                + " does not lie entirely > 0: not significant at 95% (paired on 200 examples)");
        assertThat(constant.getResults().get(2).getReason()).isEqualTo("recall = 0.5 is not > 0.5");

        GateVerdict real = MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)),
                GateInputs.builder().predictions(imbalanced(false)).build(), GateOptions.defaults());
        assertThat(real.getMetrics().get("accuracy")).isEqualTo(0.97);
        assertThat(real.isPassed()).as(real.getResults().toString()).isTrue();
    }

    @Test
    void classificationMetricsArePairedTheSameWay() throws Exception {
        ClassificationPredictions worse = imbalanced(true);
        ClassificationPredictions better = imbalanced(false);
        PairedPredictions p = PairedPredictions.of(better, worse, PairedPredictions.Matching.ID);
        GateVerdict v = gate(p, Baseline.of(Map.of("accuracy", 0.9), "build #3"), null,
                "significant(accuracy > baseline.accuracy)", "significant(f1 > baseline.f1)",
                "significant(recall > baseline.recall + 0.1)", "significant(precision > baseline.precision)");
        assertThat(v.getResults()).extracting(RuleResult::getComparison).containsOnly("paired");
        assertThat(v.isPassed()).as(v.getResults().toString()).isTrue();
        assertThat(v.getMetrics()).containsKeys("delta.accuracy", "delta.precision", "delta.recall", "delta.f1",
                "delta.f1.ci_low", "delta.f1.ci_high");
        assertThat(v.getMetrics().get("delta.accuracy")).isCloseTo(0.07, within(1e-12));
        assertThat(v.getBaselineMetrics().get("accuracy")).isEqualTo(0.9);
        assertThat(v.getBaselineMetrics()).doesNotContainKey("majority.accuracy");
        assertThat(v.getPairing()).isEqualTo("id");
    }
}
