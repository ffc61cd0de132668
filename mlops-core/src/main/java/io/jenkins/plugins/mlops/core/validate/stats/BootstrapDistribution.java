package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.Arrays;

/**
 * The values one metric took over all bootstrap resamples, sorted, so any percentile is read off directly and
 * intervals at several levels cost nothing extra.
 */
public final class BootstrapDistribution {

    private final double[] sorted;

    /** Takes ownership of {@code samples} and sorts it. */
    public BootstrapDistribution(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no bootstrap samples");
        }
        this.sorted = samples;
        Arrays.sort(this.sorted);
    }

    public int resamples() {
        return sorted.length;
    }

    /**
     * The {@code p}-quantile with linear interpolation between order statistics: position {@code (B-1)·p} in the
     * sorted samples, the definition NumPy's {@code percentile} uses by default.
     */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = h - lo;
        if (frac == 0) {
            return sorted[lo];
        }
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** Percentile interval: the central {@code level} share of the resampled values. */
    public ConfidenceInterval interval(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be within (0, 1), got " + level);
        }
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(quantile(tail), quantile(1 - tail), level);
    }

    /** Standard deviation of the resampled values (n-1 denominator): the bootstrap standard error. */
    public double standardError() {
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= sorted.length;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / Math.max(1, sorted.length - 1));
    }
}
