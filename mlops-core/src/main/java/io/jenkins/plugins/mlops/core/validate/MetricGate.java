package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.stats.Bootstrap;
import io.jenkins.plugins.mlops.core.validate.stats.ConfidenceInterval;
import io.jenkins.plugins.mlops.core.validate.stats.PairedPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.Predictions;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionsFile;
import io.jenkins.plugins.mlops.core.validate.stats.RegressionPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.Resamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metric gate: checks parsed rules against a candidate's metrics and a baseline and returns a
 * {@link GateVerdict}. When per-example predictions are given, their standard metrics are computed here with BCa
 * bootstrap intervals and join the candidate's metrics under their own names ({@code rmse}, {@code rmse.ci_low},
 * {@code rmse.ci_high}, ...), replacing same-named values from the metrics source (a note says so when they differ).
 * When the baseline's predictions on the same examples are given too, both are resampled together: the baseline's
 * metrics are recomputed with their own intervals, the differences {@code delta.<metric>} get theirs, and
 * {@code significant(rmse < baseline.rmse)} tests the interval of the difference.
 *
 * <p>Typical use by the Pipeline step: parse the rules when the step starts ({@link RuleSet#parse}), collect the
 * metrics and the baseline, then call {@link #evaluate} where the predictions file is (the agent).
 */
public final class MetricGate {

    /** Relative difference above which a value from predictions is reported as disagreeing with the metrics source. */
    private static final double DISAGREEMENT = 1e-6;
    /** How the training-history check reads among the rules of a verdict. */
    public static final String FINITE_HISTORY = "(training history is finite)";
    private static final int LISTED_NON_FINITE = 5;

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

    /** Evaluates with the candidate's predictions alone (or none). */
    public static GateVerdict evaluate(RuleSet rules, Map<String, Double> metrics, Baseline baseline,
            Predictions predictions, GateOptions options) throws InterruptedException {
        return evaluate(rules, GateInputs.builder().metrics(metrics).baseline(baseline).predictions(predictions).build(),
                options);
    }

    /**
     * Evaluates every rule.
     *
     * @throws MlopsArgumentException when there is nothing to check: no metrics and no predictions
     * @throws InterruptedException   when the bootstrap is interrupted (build aborted)
     */
    public static GateVerdict evaluate(RuleSet rules, GateInputs inputs, GateOptions options) throws InterruptedException {
        if (inputs.metrics().isEmpty() && inputs.predictions() == null && inputs.history() == null) {
            throw new MlopsArgumentException("metrics", "no metrics to check: give metrics, a metrics file,"
                    + " a predictions file or an evaluation image");
        }
        return evaluate(rules, inputs, options, resample(inputs, options));
    }

    /** The bootstrap of the inputs' predictions (paired when they are), or null without predictions. */
    static Resamples resample(GateInputs inputs, GateOptions options) throws InterruptedException {
        if (inputs.predictions() == null) {
            return null;
        }
        Bootstrap bootstrap = new Bootstrap(options.getSeed(), options.getResamples(), options.getThreads());
        return inputs.paired() != null ? bootstrap.resample(inputs.paired()) : bootstrap.resample(inputs.predictions());
    }

    /**
     * Evaluates with the resamples already drawn for these inputs and options' seed and resamples ({@link #resample}),
     * so that the simulations can decide one bootstrap under several corrections.
     */
    static GateVerdict evaluate(RuleSet rules, GateInputs inputs, GateOptions options, Resamples resamples) {
        Predictions predictions = inputs.predictions();
        PairedPredictions paired = inputs.paired();
        Map<String, Double> candidate = new LinkedHashMap<>(inputs.metrics());
        Baseline baseline = inputs.baseline();
        List<String> notes = new ArrayList<>();
        if (predictions != null) {
            double level = options.getConfidence();
            List<String> computed = new ArrayList<>();
            for (String name : resamples.names()) {
                if (!name.startsWith(Resamples.BASELINE)) {
                    put(candidate, name, resamples.value(name), resamples.interval(name, level), "metrics", notes);
                    computed.add(name);
                }
            }
            candidate.put("predictions.count", (double) predictions.size());
            notes.add(String.format(Locale.ROOT,
                    "%s computed from %d predictions (%s) with %s%% BCa bootstrap intervals (%d resamples, seed %d)",
                    String.join(", ", computed), predictions.size(), predictions.task().displayName(),
                    Numbers.format(level * 100), options.getResamples(), options.getSeed()));
            if (paired != null) {
                baseline = pairedBaseline(baseline, resamples, candidate, level, notes);
                notes.add("paired: the baseline's predictions for the same " + paired.size() + " examples (matched by "
                        + paired.matching().displayName() + ") were resampled with the candidate's; baseline.* are"
                        + " recomputed on them and delta.<metric> is <metric> - baseline.<metric>");
            }
            nonFinite(predictions, "the candidate's", notes);
            if (paired != null) {
                nonFinite(paired.baseline(), "the baseline's", notes);
            }
        }
        TrainingHistory history = inputs.history();
        RuleEvaluator evaluator = new RuleEvaluator(candidate, baseline, resamples, history, options);
        List<RuleResult> results = new ArrayList<>(evaluator.evaluate(rules.rules()));
        if (history != null) {
            results.add(finiteHistory(history));
        }
        skippedForBaseline(rules, results, baseline, notes);
        familyWiseNote(evaluator, options, notes);
        return GateVerdict.builder(results, candidate, baseline)
                .predictions(predictions == null ? null : predictions.size(),
                        predictions == null ? null : predictions.task().displayName())
                .paired(paired == null ? null : paired.matching().displayName(),
                        paired == null ? null : inputs.baseline().getMetrics())
                .bootstrap(options.getConfidence(), options.getSeed(), options.getResamples())
                .correction(options.getCorrection().displayName(), evaluator.testCount(), evaluator.familyWiseErrorBound())
                .history(history == null ? null : history.rows(), history == null ? null : history.indexColumn())
                .notes(notes)
                .build();
    }

    /**
     * The check every gate with a training history makes besides its rules: a NaN or infinite value anywhere in the
     * history fails the gate by name, as a diverged training should, whether or not a rule reads that column.
     */
    static RuleResult finiteHistory(TrainingHistory history) {
        List<TrainingHistory.NonFiniteValue> bad = history.nonFiniteValues();
        int values = history.series().values().stream().mapToInt(TrainingHistory.Series::size).sum();
        if (bad.isEmpty()) {
            return new RuleResult(FINITE_HISTORY, RuleStatus.PASSED, null, null, null, null, null, null, null,
                    "all " + values + " values of " + history.names().size() + " columns over " + history.rows() + " "
                            + history.indexColumn() + "s are finite", Map.of());
        }
        List<String> named = new ArrayList<>();
        for (TrainingHistory.NonFiniteValue v : bad.subList(0, Math.min(bad.size(), LISTED_NON_FINITE))) {
            named.add("history." + v.column() + " is " + (Double.isNaN(v.value()) ? "NaN" : Numbers.format(v.value()))
                    + " at " + history.indexColumn() + " " + Numbers.format(v.index()) + " (line " + v.line() + ")");
        }
        String more = bad.size() > LISTED_NON_FINITE ? "; and " + (bad.size() - LISTED_NON_FINITE) + " more" : "";
        return new RuleResult(FINITE_HISTORY, RuleStatus.FAILED, null, null, null, null, null, null, null,
                String.join("; ", named) + more, Map.of());
    }

    /**
     * The baseline as rules see it when its predictions were paired: its recorded metrics with the recomputed ones
     * (and their intervals) in their place; and {@code delta.<metric>} with its interval among the candidate's.
     */
    private static Baseline pairedBaseline(Baseline recorded, Resamples resamples, Map<String, Double> candidate,
            double level, List<String> notes) {
        Map<String, Double> metrics = new LinkedHashMap<>(recorded.getMetrics());
        for (String name : resamples.names()) {
            if (!name.startsWith(Resamples.BASELINE)) {
                continue;
            }
            String metric = name.substring(Resamples.BASELINE.length());
            put(metrics, metric, resamples.value(name), resamples.interval(name, level),
                    "baseline's recorded metrics (" + recorded.getDescription() + ")", notes);
            int c = resamples.indexOf(metric);
            int b = resamples.indexOf(name);
            ConfidenceInterval delta = resamples.distribution(v -> v[c] - v[b]).interval(level);
            candidate.put(RuleEvaluator.DELTA + metric, resamples.value(metric) - resamples.value(name));
            candidate.put(RuleEvaluator.DELTA + metric + ".ci_low", delta.low());
            candidate.put(RuleEvaluator.DELTA + metric + ".ci_high", delta.high());
        }
        String description = recorded.isPresent() ? recorded.getDescription() : "the baseline's predictions";
        return Baseline.of(metrics, description);
    }

    /** Puts a metric computed from predictions with its interval, noting when it replaces a different given value. */
    private static void put(Map<String, Double> into, String name, double value, ConfidenceInterval ci, String source,
            List<String> notes) {
        Double given = into.get(name);
        if (given != null && !sameValue(given, value)) {
            String owner = source.startsWith("baseline") ? "baseline." : "";
            notes.add(owner + name + " from the predictions (" + Numbers.format(value) + ") replaces " + owner + name
                    + " from the " + source + " (" + Numbers.format(given) + ")");
        }
        into.put(name, value);
        into.put(name + ".ci_low", ci.low());
        into.put(name + ".ci_high", ci.high());
    }

    private static void nonFinite(Predictions predictions, String whose, List<String> notes) {
        if (predictions instanceof RegressionPredictions r && r.nonFiniteCount() > 0) {
            notes.add(r.nonFiniteCount() + " examples have a NaN or infinite label or prediction in " + whose
                    + " predictions, so its rmse and mae are not finite");
        }
    }

    private static void skippedForBaseline(RuleSet rules, List<RuleResult> results, Baseline baseline, List<String> notes) {
        if (baseline.isPresent()) {
            return;
        }
        int skipped = 0;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.rules().get(i);
            if (rule.usesBaseline() && results.get(i).getStatus() == RuleStatus.SKIPPED) {
                skipped++;
            }
        }
        if (skipped > 0) {
            notes.add("No baseline (" + baseline.getDescription() + "): " + skipped
                    + (skipped == 1 ? " rule that compares with it was" : " rules that compare with it were") + " skipped");
        }
    }

    /**
     * What the whole gate's chance of a false alarm is, when it holds several significant() tests; and whether an
     * interval rests on too few resamples to be steady.
     */
    private static void familyWiseNote(RuleEvaluator evaluator, GateOptions options, List<String> notes) {
        Double thin = evaluator.thinnestTailLevel();
        if (thin != null) {
            notes.add("an interval at " + Numbers.format(thin * 100) + "% rests on fewer than 10 of the "
                    + options.getResamples() + " resamples beyond each bound; more resamples (resamples) make it steadier");
        }
        int m = evaluator.testCount();
        if (m < 2) {
            return;
        }
        String bound = Numbers.format(evaluator.familyWiseErrorBound() * 100) + "%";
        if (options.getCorrection() == Correction.NONE) {
            notes.add(m + " significant() tests, each at its own level: the chance that at least one of them reports a"
                    + " difference that is not there (a false alarm of the gate) is at most " + bound + ", the sum of"
                    + " their one-sided levels; correction 'holm' or 'bonferroni' would bound it by the largest single"
                    + " level");
        } else {
            notes.add(m + " significant() tests with " + options.getCorrection().possessive() + " correction: the"
                    + " chance that at least one of them reports a difference that is not there (a false alarm of the"
                    + " gate) is at most " + bound);
        }
    }

    private static boolean sameValue(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= DISAGREEMENT * Math.max(Math.abs(a), Math.abs(b));
    }
}
