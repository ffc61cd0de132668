package io.jenkins.plugins.mlops.core.validate;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one rule came out. Plain fields (no JDK-internal collections) so a Jenkins build action can persist it as
 * it is, and {@link #toMap()} for the value a Pipeline step returns.
 */
public final class RuleResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final RuleStatus status;
    private final Double value;
    private final Double threshold;
    private final Double baseline;
    private final Double ciLow;
    private final Double ciHigh;
    private final Double confidence;
    private final String comparison;
    private final String reason;
    private final LinkedHashMap<String, Double> inputs;

    /**
     * @param rule       the rule as written
     * @param status     how it came out
     * @param value      the left side of the rule's comparison (for significant(), the metric's value); null when
     *                   the rule is not a single comparison or was not evaluated
     * @param threshold  the right side of the comparison (for significant(), the bound); null likewise
     * @param baseline   the value of the first {@code baseline.*} metric the rule names, null when none
     * @param ciLow      lower bound of the interval the rule's (first) significant() used, else null: for a paired
     *                   test the interval of the difference {@code metric - bound}, else that of the metric
     * @param ciHigh     upper bound of that interval, else null
     * @param confidence the level of that interval (after any correction), else null
     * @param comparison what significant() compared: {@code paired} (both sides resampled on the same examples),
     *                   {@code unpaired} (against the baseline's recorded value), {@code fixed} (against a number);
     *                   null without significant()
     * @param reason     one line saying why, with the numbers
     * @param inputs     every metric the rule names ({@code baseline.rmse} spelled so) with its value, where known
     */
    public RuleResult(String rule, RuleStatus status, Double value, Double threshold, Double baseline,
            Double ciLow, Double ciHigh, Double confidence, String comparison, String reason, Map<String, Double> inputs) {
        this.rule = rule;
        this.status = status;
        this.value = value;
        this.threshold = threshold;
        this.baseline = baseline;
        this.ciLow = ciLow;
        this.ciHigh = ciHigh;
        this.confidence = confidence;
        this.comparison = comparison;
        this.reason = reason;
        this.inputs = new LinkedHashMap<>(inputs);
    }

    public String getRule() {
        return rule;
    }

    public RuleStatus getStatus() {
        return status;
    }

    public boolean isPassed() {
        return status == RuleStatus.PASSED;
    }

    public Double getValue() {
        return value;
    }

    public Double getThreshold() {
        return threshold;
    }

    public Double getBaseline() {
        return baseline;
    }

    public Double getCiLow() {
        return ciLow;
    }

    public Double getCiHigh() {
        return ciHigh;
    }

    public Double getConfidence() {
        return confidence;
    }

    /** {@code paired}, {@code unpaired} or {@code fixed} for a rule with significant(), else null. */
    public String getComparison() {
        return comparison;
    }

    public String getReason() {
        return reason;
    }

    public Map<String, Double> getInputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /**
     * {@code [rule:, status:, passed:, value:, threshold:, baseline:, reason:, ciLow:, ciHigh:, confidence:,
     * comparison:, inputs:]}
     * built from serializable JDK types only, as a Pipeline step's return value must be.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", rule);
        m.put("status", status.name());
        m.put("passed", isPassed());
        m.put("value", value);
        m.put("threshold", threshold);
        m.put("baseline", baseline);
        m.put("reason", reason);
        m.put("ciLow", ciLow);
        m.put("ciHigh", ciHigh);
        m.put("confidence", confidence);
        m.put("comparison", comparison);
        m.put("inputs", new LinkedHashMap<>(inputs));
        return m;
    }

    @Override
    public String toString() {
        return status + " " + rule + ": " + reason;
    }
}
