package io.jenkins.plugins.mlops.core.validate.stats;

import java.io.Serializable;

/**
 * A two-sided interval at {@code level}: for a BCa interval the bounds are the bootstrap distribution's quantiles at
 * the bias-corrected shares ({@link BootstrapDistribution#interval}), for a percentile interval at {@code (1-level)/2}
 * and {@code (1+level)/2}.
 */
public record ConfidenceInterval(double low, double high, double level) implements Serializable {

    public double width() {
        return high - low;
    }
}
