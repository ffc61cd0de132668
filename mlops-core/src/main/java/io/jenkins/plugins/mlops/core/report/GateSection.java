package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One quality gate of a build: the verdict with every rule, plus how the call asked for it ({@code compareTo},
 * {@code onFailure}). Also answers what the page needs beyond the verdict: which metrics the rules checked, and one
 * row per metric joining candidate, baseline, difference and intervals (the verdict keeps them in separate maps).
 */
public final class GateSection {

    static final String CI_LOW = ".ci_low";
    static final String CI_HIGH = ".ci_high";
    static final String DELTA = "delta.";
    private static final String BASELINE = "baseline.";

    private final String title;
    private final GateVerdict verdict;
    private final String compareTo;
    private final String onFailure;

    /**
     * @param title     shown above the gate, e.g. "Quality gate" or the model's name; null for the default
     * @param verdict   what the gate decided
     * @param compareTo what the call's {@code compareTo} said, or null
     * @param onFailure {@code FAILURE} or {@code UNSTABLE}, or null outside Jenkins
     */
    public GateSection(String title, GateVerdict verdict, String compareTo, String onFailure) {
        this.title = title == null ? "Quality gate" : title;
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.compareTo = compareTo;
        this.onFailure = onFailure;
    }

    public static GateSection of(GateVerdict verdict) {
        return new GateSection(null, verdict, null, null);
    }

    public String title() { return title; }
    public GateVerdict verdict() { return verdict; }
    public String compareTo() { return compareTo; }
    public String onFailure() { return onFailure; }

    public Mark mark() {
        return verdict.isPassed() ? Mark.PASSED : Mark.FAILED;
    }

    /** Rule texts, in order. */
    public List<String> ruleTexts() {
        return verdict.getResults().stream().map(RuleResult::getRule).toList();
    }

    /**
     * The candidate metrics the rules read ({@code rmse} for {@code rmse <= baseline.rmse * 1.01}), in the order
     * the rules name them: the default metrics of a trend.
     */
    public List<String> checkedMetrics() {
        Set<String> out = new LinkedHashSet<>();
        for (RuleResult r : verdict.getResults()) {
            for (String input : r.getInputs().keySet()) {
                out.add(metricOf(input));
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code baseline.rmse}, {@code delta.rmse}, {@code rmse.ci_low} are all about {@code rmse}. */
    static String metricOf(String name) {
        String n = name;
        if (n.startsWith(BASELINE)) {
            n = n.substring(BASELINE.length());
        }
        if (n.startsWith(DELTA)) {
            n = n.substring(DELTA.length());
        }
        if (n.endsWith(CI_LOW)) {
            n = n.substring(0, n.length() - CI_LOW.length());
        } else if (n.endsWith(CI_HIGH)) {
            n = n.substring(0, n.length() - CI_HIGH.length());
        }
        return n;
    }

    /**
     * One row per candidate metric: value and its interval, the baseline's value, and the difference — the paired
     * {@code delta.<metric>} with its interval when the gate computed one, else candidate minus baseline. The
     * interval and delta entries of the metrics map are folded into their metric's row instead of standing alone.
     */
    public List<MetricRow> metricRows() {
        Map<String, Double> m = verdict.getMetrics();
        Map<String, Double> base = verdict.getBaselineMetrics();
        Map<String, MetricRow> rows = new LinkedHashMap<>();
        // The metrics the rules check come first, in the rules' order; then the rest as reported.
        Set<String> order = new LinkedHashSet<>(checkedMetrics());
        order.retainAll(m.keySet());
        order.addAll(m.keySet());
        for (String name : order) {
            if (name.endsWith(CI_LOW) || name.endsWith(CI_HIGH) || name.startsWith(DELTA)) {
                continue;
            }
            Double value = m.get(name);
            Double b = base.get(name);
            Double paired = m.get(DELTA + name);
            Double diff = paired != null ? paired : value != null && b != null ? value - b : null;
            rows.put(name, new MetricRow(name, value, m.get(name + CI_LOW), m.get(name + CI_HIGH), b, diff,
                    paired != null ? m.get(DELTA + name + CI_LOW) : null,
                    paired != null ? m.get(DELTA + name + CI_HIGH) : null, paired != null));
        }
        // A baseline metric the candidate lacks is worth a row too: it says the candidate stopped reporting it.
        for (String name : base.keySet()) {
            if (!rows.containsKey(name) && !name.endsWith(CI_LOW) && !name.endsWith(CI_HIGH) && !name.startsWith(DELTA)) {
                rows.put(name, new MetricRow(name, null, null, null, base.get(name), null, null, null, false));
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** Whether any rule or metric carries an interval; the page leaves the interval column out otherwise. */
    public boolean hasIntervals() {
        return verdict.getResults().stream().anyMatch(r -> r.getCiLow() != null)
                || verdict.getMetrics().keySet().stream().anyMatch(k -> k.endsWith(CI_LOW));
    }

    /**
     * A metric's row in the gate's metric table.
     *
     * @param paired whether {@code difference} is the gate's paired {@code delta.*} (same examples, both models)
     *               rather than a subtraction of two separately measured values
     */
    public record MetricRow(String name, Double value, Double ciLow, Double ciHigh, Double baseline,
            Double difference, Double differenceLow, Double differenceHigh, boolean paired) {
    }
}
