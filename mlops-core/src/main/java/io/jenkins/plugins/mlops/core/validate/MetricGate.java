package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.stats.Bootstrap;
import io.jenkins.plugins.mlops.core.validate.stats.ConfidenceInterval;
import io.jenkins.plugins.mlops.core.validate.stats.MetricEstimate;
import io.jenkins.plugins.mlops.core.validate.stats.Predictions;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionsFile;
import io.jenkins.plugins.mlops.core.validate.stats.RegressionPredictions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric gate: checks parsed rules against a candidate's metrics and a baseline and returns a
 * {@link GateVerdict}. When per-example predictions are given, their standard metrics are computed here with
 * bootstrap intervals and join the candidate's metrics under their own names ({@code rmse}, {@code rmse.ci_low},
 * {@code rmse.ci_high}, ...), replacing same-named values from the metrics source (a note says so when they differ).
 *
 * <p>Typical use by the Pipeline step: parse the rules when the step starts ({@link RuleSet#parse}), collect the
 * metrics and the baseline, then call {@link #evaluate} where the predictions file is (the agent).
 */
public final class MetricGate {

    /** Relative difference above which a value from predictions is reported as disagreeing with the metrics source. */
    private static final double DISAGREEMENT = 1e-6;

    private MetricGate() {
    }

    /**
     * Reads the predictions file (if any) and evaluates.
     *
     * @param predictionsFile predictions.csv, or null when there are no per-example results
     * @throws IOException naming the file when the predictions file cannot be read
     */
    public static GateVerdict evaluate(RuleSet rules, Map<String, Double> metrics, Baseline baseline,
            Path predictionsFile, GateOptions options) throws IOException, InterruptedException {
        Predictions predictions = predictionsFile == null ? null : PredictionsFile.read(predictionsFile, options.getTask());
        return evaluate(rules, metrics, baseline, predictions, options);
    }

    /**
     * Evaluates every rule.
     *
     * @param metrics     the candidate's metrics (may be empty when predictions are given), dotted keys for nesting
     * @param baseline    what {@code baseline.*} refers to; {@link Baseline#none} on a first build
     * @param predictions per-example results, or null
     * @throws MlopsArgumentException when there is nothing to check: no metrics and no predictions
     * @throws InterruptedException   when the bootstrap is interrupted (build aborted)
     */
    public static GateVerdict evaluate(RuleSet rules, Map<String, Double> metrics, Baseline baseline,
            Predictions predictions, GateOptions options) throws InterruptedException {
        if ((metrics == null || metrics.isEmpty()) && predictions == null) {
            throw new MlopsArgumentException("metrics", "no metrics to check: give metrics, a metrics file,"
                    + " a predictions file or an evaluation image");
        }
        Map<String, Double> candidate = new LinkedHashMap<>(metrics == null ? Map.of() : metrics);
        List<String> notes = new ArrayList<>();
        Map<String, MetricEstimate> estimates = Map.of();
        if (predictions != null) {
            estimates = new Bootstrap(options.getSeed(), options.getResamples(), options.getThreads()).estimate(predictions);
            addEstimates(candidate, estimates, options.getConfidence(), notes);
            candidate.put("predictions.count", (double) predictions.size());
            notes.add(String.format(java.util.Locale.ROOT,
                    "%s computed from %d predictions (%s) with %s%% percentile bootstrap intervals (%d resamples, seed %d)",
                    String.join(", ", estimates.keySet()), predictions.size(), predictions.task().displayName(),
                    Numbers.format(options.getConfidence() * 100), options.getResamples(), options.getSeed()));
            if (predictions instanceof RegressionPredictions r && r.nonFiniteCount() > 0) {
                notes.add(r.nonFiniteCount() + " examples have a NaN or infinite label or prediction, so rmse and mae are not finite");
            }
        }
        RuleEvaluator evaluator = new RuleEvaluator(candidate, baseline, estimates, options.getConfidence());
        List<RuleResult> results = new ArrayList<>();
        int skippedForBaseline = 0;
        for (Rule rule : rules.rules()) {
            RuleResult r = evaluator.evaluate(rule);
            results.add(r);
            if (r.getStatus() == RuleStatus.SKIPPED && !baseline.isPresent()) {
                skippedForBaseline++;
            }
        }
        if (skippedForBaseline > 0) {
            notes.add("No baseline (" + baseline.getDescription() + "): " + skippedForBaseline
                    + (skippedForBaseline == 1 ? " rule that compares with it was" : " rules that compare with it were")
                    + " skipped");
        }
        return new GateVerdict(results, candidate, baseline,
                predictions == null ? null : predictions.size(),
                predictions == null ? null : predictions.task().displayName(),
                options.getConfidence(), options.getSeed(), options.getResamples(), notes);
    }

    private static void addEstimates(Map<String, Double> candidate, Map<String, MetricEstimate> estimates,
            double confidence, List<String> notes) {
        for (MetricEstimate e : estimates.values()) {
            Double given = candidate.get(e.name());
            if (given != null && !sameValue(given, e.value())) {
                notes.add(e.name() + " from the predictions (" + Numbers.format(e.value()) + ") replaces "
                        + e.name() + " from the metrics (" + Numbers.format(given) + ")");
            }
            ConfidenceInterval ci = e.interval(confidence);
            candidate.put(e.name(), e.value());
            candidate.put(e.name() + ".ci_low", ci.low());
            candidate.put(e.name() + ".ci_high", ci.high());
        }
    }

    private static boolean sameValue(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= DISAGREEMENT * Math.max(Math.abs(a), Math.abs(b));
    }
}
