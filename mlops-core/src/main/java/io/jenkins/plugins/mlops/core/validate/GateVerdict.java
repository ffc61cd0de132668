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

    private final boolean passed;
    private final ArrayList<RuleResult> results;
    private final LinkedHashMap<String, Double> metrics;
    private final boolean baselineAvailable;
    private final String baselineDescription;
    private final LinkedHashMap<String, Double> baselineMetrics;
    private final Integer predictionCount;
    private final String predictionTask;
    private final double confidence;
    private final long seed;
    private final int resamples;
    private final ArrayList<String> notes;

    /**
     * @param results             one per rule, in the rules' order; the verdict passes when none is FAILED
     * @param metrics             the candidate's metrics as checked, including those computed from predictions
     * @param baseline            what the candidate was compared with
     * @param predictionCount     examples in the predictions file, null when there was none
     * @param predictionTask      {@code regression} or {@code classification}, null when there were no predictions
     * @param confidence          the default confidence level of intervals ({@code .ci_low}/{@code .ci_high})
     * @param seed                seed of the bootstrap
     * @param resamples           resamples of the bootstrap
     * @param notes               anything else the reader should know (metrics replaced, no baseline, ...)
     */
    public GateVerdict(List<RuleResult> results, Map<String, Double> metrics, Baseline baseline,
            Integer predictionCount, String predictionTask, double confidence, long seed, int resamples,
            List<String> notes) {
        this.results = new ArrayList<>(results);
        this.passed = results.stream().noneMatch(r -> r.getStatus() == RuleStatus.FAILED);
        this.metrics = new LinkedHashMap<>(metrics);
        this.baselineAvailable = baseline.isPresent();
        this.baselineDescription = baseline.getDescription();
        this.baselineMetrics = new LinkedHashMap<>(baseline.getMetrics());
        this.predictionCount = predictionCount;
        this.predictionTask = predictionTask;
        this.confidence = confidence;
        this.seed = seed;
        this.resamples = resamples;
        this.notes = new ArrayList<>(notes);
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
     * threshold:, baseline:, reason:, ...], ...], metrics:, baseline:, baselineAvailable:, notes:]}; JDK types only.
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
        m.put("predictionCount", predictionCount);
        m.put("predictionTask", predictionTask);
        m.put("confidence", confidence);
        m.put("seed", seed);
        m.put("resamples", resamples);
        m.put("notes", new ArrayList<>(notes));
        return m;
    }

    @Override
    public String toString() {
        return getSummary();
    }
}
