package io.jenkins.plugins.mlops.core.validate.stats;

import java.io.Serializable;

/**
 * A two-sided interval: {@code low} and {@code high} are the {@code (1-level)/2} and {@code (1+level)/2} percentiles
 * of a bootstrap distribution.
 */
public record ConfidenceInterval(double low, double high, double level) implements Serializable {

    public double width() {
        return high - low;
    }
}
