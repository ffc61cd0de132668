package io.jenkins.plugins.mlops.core.validate;

/** How one rule came out. */
public enum RuleStatus {
    /** The condition holds. */
    PASSED,
    /** The condition does not hold, or cannot be checked because a metric is missing, NaN or infinite. */
    FAILED,
    /** The rule compares with a baseline and there is none (first build), or the baseline lacks the metric. */
    SKIPPED
}
