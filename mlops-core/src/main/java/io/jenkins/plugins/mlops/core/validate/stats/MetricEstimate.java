package io.jenkins.plugins.mlops.core.validate.stats;

/**
 * A metric computed from predictions: its value on all examples and its bootstrap distribution.
 *
 * @param name         the metric's name as rules use it ({@code rmse}, {@code accuracy}, ...)
 * @param value        the metric on the full evaluation set (not the mean of the resamples)
 * @param distribution the metric over the bootstrap resamples
 */
public record MetricEstimate(String name, double value, BootstrapDistribution distribution) {

    public ConfidenceInterval interval(double level) {
        return distribution.interval(level);
    }
}
