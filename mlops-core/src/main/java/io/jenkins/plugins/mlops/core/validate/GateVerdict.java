package io.jenkins.plugins.mlops.core.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's outcome: passed when no rule failed (skipped rules do not fail it), each rule's result, the metrics
 * that were checked, the baseline, and how confidence intervals were computed.
 *
 * <p>Plain fields of JDK types ({@link ArrayList}, {@link LinkedHashMap}) so that a Jenkins build action can persist
 * it and later steps (mlRegister, mlDeploy) can consult it; {@link VerdictJson} writes and reads it as a file for the
 * CLI; {@link #toMap()} is what the Pipeline step returns.
 */
public final class GateVerdict implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The interval method of significant() and {@code .ci_low}/{@code .ci_high}, recorded in the verdict. */
    public static final String INTERVAL_METHOD = "bca";

    private final boolean passed;
    private final ArrayList<RuleResult> results;
    private final LinkedHashMap<String, Double> metrics;
    private final boolean baselineAvailable;
    private final String baselineDescription;
    private final LinkedHashMap<String, Double> baselineMetrics;
    private final LinkedHashMap<String, Double> baselineRecordedMetrics;
    private final Integer predictionCount;
    private final String predictionTask;
    private final String pairing;
    private final double confidence;
    private final long seed;
    private final int resamples;
    private final String correction;
    private final int significanceTests;
    private final Double familyWiseErrorRate;
    private final Integer historyRows;
    private final String historyIndex;
    private final ArrayList<String> notes;

    private GateVerdict(Builder b) {
        this.results = new ArrayList<>(b.results);
        this.passed = results.stream().noneMatch(r -> r.getStatus() == RuleStatus.FAILED);
        this.metrics = new LinkedHashMap<>(b.metrics);
        this.baselineAvailable = b.baseline.isPresent();
        this.baselineDescription = b.baseline.getDescription();
        this.baselineMetrics = new LinkedHashMap<>(b.baseline.getMetrics());
        this.baselineRecordedMetrics = b.baselineRecordedMetrics == null ? null : new LinkedHashMap<>(b.baselineRecordedMetrics);
        this.predictionCount = b.predictionCount;
        this.predictionTask = b.predictionTask;
        this.pairing = b.pairing;
        this.confidence = b.confidence;
        this.seed = b.seed;
        this.resamples = b.resamples;
        this.correction = b.correction;
        this.significanceTests = b.significanceTests;
        this.familyWiseErrorRate = b.familyWiseErrorRate;
        this.historyRows = b.historyRows;
        this.historyIndex = b.historyIndex;
        this.notes = new ArrayList<>(b.notes);
    }

    /**
     * @param results  one per rule (and per check the gate adds, such as a finite training history), in order; the
     *                 verdict passes when none is FAILED
     * @param metrics  the candidate's metrics as checked, including those computed from predictions
     * @param baseline what the candidate was compared with (with a paired baseline: its recomputed metrics)
     */
    public static Builder builder(List<RuleResult> results, Map<String, Double> metrics, Baseline baseline) {
        return new Builder(results, metrics, baseline);
    }

    /** Everything else a verdict records; defaults: no predictions, no pairing, no correction, no history. */
    public static final class Builder {
        private final List<RuleResult> results;
        private final Map<String, Double> metrics;
        private final Baseline baseline;
        private Map<String, Double> baselineRecordedMetrics;
        private Integer predictionCount;
        private String predictionTask;
        private String pairing;
        private double confidence = GateOptions.DEFAULT_CONFIDENCE;
        private long seed;
        private int resamples;
        private String correction = Correction.NONE.displayName();
        private int significanceTests;
        private Double familyWiseErrorRate;
        private Integer historyRows;
        private String historyIndex;
        private List<String> notes = List.of();

        private Builder(List<RuleResult> results, Map<String, Double> metrics, Baseline baseline) {
            this.results = results;
            this.metrics = metrics;
            this.baseline = baseline;
        }

        /** Examples in the predictions and their task ({@code regression}, {@code classification}). */
        public Builder predictions(Integer count, String task) {
            predictionCount = count;
            predictionTask = task;
            return this;
        }

        /**
         * The baseline's predictions were paired with the candidate's, matched by {@code matching} ({@code id} or
         * {@code row order}); {@code recorded} are the baseline's metrics as recorded, before the recomputed ones
         * replaced them.
         */
        public Builder paired(String matching, Map<String, Double> recorded) {
            pairing = matching;
            baselineRecordedMetrics = recorded;
            return this;
        }

        public Builder bootstrap(double confidence, long seed, int resamples) {
            this.confidence = confidence;
            this.seed = seed;
            this.resamples = resamples;
            return this;
        }

        /**
         * @param tests               significant() tests decided together
         * @param familyWiseErrorRate the bound on the chance that at least one of them reports a difference that is
         *                            not there; null without tests
         */
        public Builder correction(String correction, int tests, Double familyWiseErrorRate) {
            this.correction = correction;
            this.significanceTests = tests;
            this.familyWiseErrorRate = familyWiseErrorRate;
            return this;
        }

        /** The training history the history rules read: its rows and its index column ({@code epoch}/{@code step}). */
        public Builder history(Integer rows, String index) {
            historyRows = rows;
            historyIndex = index;
            return this;
        }

        public Builder notes(List<String> n) {
            notes = n;
            return this;
        }

        public GateVerdict build() {
            return new GateVerdict(this);
        }
    }

    /** True when no rule FAILED. */
    public boolean isPassed() {
        return passed;
    }

    public List<RuleResult> getResults() {
        return Collections.unmodifiableList(results);
    }

    public Map<String, Double> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    public boolean isBaselineAvailable() {
        return baselineAvailable;
    }

    /** Where the baseline came from, or why there was none. */
    public String getBaselineDescription() {
        return baselineDescription;
    }

    public Map<String, Double> getBaselineMetrics() {
        return Collections.unmodifiableMap(baselineMetrics);
    }

    /** The baseline as it was, for re-evaluating or displaying. */
    public Baseline getBaseline() {
        return baselineAvailable ? Baseline.of(baselineMetrics, baselineDescription) : Baseline.none(baselineDescription);
    }

    /**
     * The baseline's metrics as recorded (in the registry, the last build, a file) when its predictions were paired
     * with the candidate's and its metrics recomputed on them; null otherwise.
     */
    public Map<String, Double> getBaselineRecordedMetrics() {
        return baselineRecordedMetrics == null ? null : Collections.unmodifiableMap(baselineRecordedMetrics);
    }

    /** How the baseline's predictions were matched to the candidate's ({@code id}, {@code row order}); null unpaired. */
    public String getPairing() {
        return pairing;
    }

    /** {@code paired} when the baseline's predictions were resampled with the candidate's, else {@code unpaired}. */
    public String getComparison() {
        return pairing != null ? "paired" : "unpaired";
    }

    public String getCorrection() {
        return correction == null ? Correction.NONE.displayName() : correction;
    }

    public int getSignificanceTests() {
        return significanceTests;
    }

    /** At most this chance that a significant() test of the gate reports a difference that is not there; null without tests. */
    public Double getFamilyWiseErrorRate() {
        return familyWiseErrorRate;
    }

    public Integer getHistoryRows() {
        return historyRows;
    }

    public String getHistoryIndex() {
        return historyIndex;
    }

    public Integer getPredictionCount() {
        return predictionCount;
    }

    public String getPredictionTask() {
        return predictionTask;
    }

    public double getConfidence() {
        return confidence;
    }

    public long getSeed() {
        return seed;
    }

    public int getResamples() {
        return resamples;
    }

    public List<String> getNotes() {
        return Collections.unmodifiableList(notes);
    }

    public long count(RuleStatus status) {
        return results.stream().filter(r -> r.getStatus() == status).count();
    }

    /** One line for a build log: {@code Gate FAILED: 1 of 3 rules failed, 1 passed, 1 skipped}. */
    public String getSummary() {
        long failed = count(RuleStatus.FAILED);
        long ok = count(RuleStatus.PASSED);
        long skipped = count(RuleStatus.SKIPPED);
        String head = passed ? "Gate PASSED: " : "Gate FAILED: " + failed + " of " + results.size() + " rules failed, ";
        String body = passed
                ? ok + " of " + results.size() + " rules passed" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                : ok + " passed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        return head + body;
    }

    /**
     * What the mlValidate step returns: {@code [passed:, summary:, results: [[rule:, status:, passed:, value:,
     * threshold:, baseline:, reason:, ...], ...], metrics:, baseline:, baselineAvailable:, baselineMetrics:,
     * baselineRecordedMetrics:, predictionCount:, predictionTask:, comparison:, pairing:, confidence:, seed:,
     * resamples:, interval:, correction:, significanceTests:, familyWiseErrorRate:, historyRows:, notes:]}; JDK types only.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", passed);
        m.put("summary", getSummary());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (RuleResult r : results) {
            rs.add(r.toMap());
        }
        m.put("results", rs);
        m.put("metrics", new LinkedHashMap<>(metrics));
        m.put("baseline", baselineDescription);
        m.put("baselineAvailable", baselineAvailable);
        m.put("baselineMetrics", new LinkedHashMap<>(baselineMetrics));
        m.put("baselineRecordedMetrics", baselineRecordedMetrics == null ? null : new LinkedHashMap<>(baselineRecordedMetrics));
        m.put("predictionCount", predictionCount);
        m.put("predictionTask", predictionTask);
        m.put("comparison", getComparison());
        m.put("pairing", pairing);
        m.put("confidence", confidence);
        m.put("seed", seed);
        m.put("resamples", resamples);
        m.put("interval", INTERVAL_METHOD);
        m.put("correction", getCorrection());
        m.put("significanceTests", significanceTests);
        m.put("familyWiseErrorRate", familyWiseErrorRate);
        m.put("historyRows", historyRows);
        m.put("notes", new ArrayList<>(notes));
        return m;
    }

    @Override
    public String toString() {
        return getSummary();
    }
}
