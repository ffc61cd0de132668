package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.Arrays;

/**
 * The values one statistic took over all bootstrap resamples, sorted, with what the BCa interval needs besides:
 * the value on all examples, the bias correction {@code z0} and the acceleration {@code a}. Intervals at several
 * levels cost nothing extra.
 *
 * <p><b>Why BCa.</b> The percentile interval reads the resampled values' quantiles as they are. For a statistic that
 * is biased and skewed — the sample RMSE is both: biased low, its distribution stretched to the right — that interval
 * sits too low: simulated at n = 200 it lay entirely below the true RMSE about three times as often as its level
 * says. Efron's bias-corrected and accelerated interval (BCa; Efron and Tibshirani, <i>An Introduction to the
 * Bootstrap</i>, ch. 14) shifts the percentiles it reads by how far the resamples' median is from the value on all
 * examples ({@code z0}) and by how fast the statistic's spread changes with its value ({@code a}, from the
 * jackknife), which makes it second-order accurate for such statistics. It needs nothing but the resamples already
 * drawn and one pass of leave-one-out values; a studentized interval would need a second bootstrap inside every
 * resample.
 *
 * <p>Definitions, as {@code bootstrap_reference.py} recomputes them independently:
 * <ul>
 *   <li>{@code z0 = Φ⁻¹(p0)}, {@code p0} the share of resampled values below the value on all examples, values equal
 *       to it counting half (accuracy and other counts tie often); {@code p0} is kept within
 *       {@code [1/(2B), 1 - 1/(2B)]} so that a statistic no resample falls below still gets an interval.</li>
 *   <li>{@code a = Σ(m - θ₍ᵢ₎)³ / (6·(Σ(m - θ₍ᵢ₎)²)^1.5)}, θ₍ᵢ₎ the statistic without example {@code i} and {@code m}
 *       their mean; 0 when all θ₍ᵢ₎ are equal.</li>
 *   <li>The interval at level {@code L} is the pair of quantiles at
 *       {@code Φ(z0 + (z0 + z)/(1 - a(z0 + z)))} for {@code z = Φ⁻¹((1-L)/2)} and {@code z = Φ⁻¹((1+L)/2)}
 *       (0 or 1 where the denominator is not positive), each quantile with NumPy's default linear
 *       interpolation (position {@code (B-1)·p} in the sorted values).</li>
 * </ul>
 */
public final class BootstrapDistribution {

    private final double value;
    private final double[] sorted;
    private final double z0;
    private final double acceleration;

    /**
     * @param value     the statistic on all examples
     * @param samples   the statistic on every resample (copied)
     * @param jackknife the statistic with each example left out in turn (read, not kept)
     */
    public BootstrapDistribution(double value, double[] samples, double[] jackknife) {
        this.value = value;
        this.sorted = sortedCopy(samples);
        this.z0 = Double.isFinite(value) ? biasCorrection(value, sorted) : Double.NaN;
        this.acceleration = acceleration(jackknife);
    }

    /**
     * Resampled values alone: {@link #interval} is then the percentile interval (no value on all examples to correct
     * the bias against, no jackknife for the acceleration).
     */
    public BootstrapDistribution(double[] samples) {
        this.value = Double.NaN;
        this.sorted = sortedCopy(samples);
        this.z0 = 0;
        this.acceleration = 0;
    }

    private static double[] sortedCopy(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no bootstrap samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        return s;
    }

    private static double biasCorrection(double value, double[] sorted) {
        int below = 0;
        int equal = 0;
        for (double v : sorted) {
            if (v < value) {
                below++;
            } else if (v == value) {
                equal++;
            }
        }
        int b = sorted.length;
        double p0 = (below + 0.5 * equal) / b;
        p0 = Math.min(Math.max(p0, 0.5 / b), 1 - 0.5 / b);
        return StandardNormal.quantile(p0);
    }

    private static double acceleration(double[] jackknife) {
        double mean = 0;
        for (double v : jackknife) {
            mean += v;
        }
        mean /= jackknife.length;
        double squares = 0;
        double cubes = 0;
        for (double v : jackknife) {
            double d = mean - v;
            squares += d * d;
            cubes += d * d * d;
        }
        double a = cubes / (6 * Math.pow(squares, 1.5));
        return Double.isFinite(a) ? a : 0;
    }

    public int resamples() {
        return sorted.length;
    }

    /** The statistic on all examples (NaN when only resampled values were given). */
    public double value() {
        return value;
    }

    /** BCa's bias correction {@code z0}. */
    public double biasCorrection() {
        return z0;
    }

    /** BCa's acceleration {@code a}. */
    public double acceleration() {
        return acceleration;
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

    /**
     * The BCa interval at {@code level}; NaN bounds when the statistic is not finite on all examples (a NaN or
     * infinite prediction), since then no interval means anything.
     */
    public ConfidenceInterval interval(double level) {
        checkLevel(level);
        if (Double.isNaN(z0)) {
            return new ConfidenceInterval(Double.NaN, Double.NaN, level);
        }
        double z = StandardNormal.quantile((1 - level) / 2);
        return new ConfidenceInterval(quantile(adjusted(z)), quantile(adjusted(-z)), level);
    }

    /** The percentile interval at {@code level}: the central {@code level} share of the resampled values. */
    public ConfidenceInterval percentileInterval(double level) {
        checkLevel(level);
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(quantile(tail), quantile(1 - tail), level);
    }

    /** The share of resamples BCa reads the bound at normal quantile {@code z} from. */
    double adjusted(double z) {
        double u = z0 + z;
        double d = 1 - acceleration * u;
        if (d <= 0) {
            return u > 0 ? 1 : 0;
        }
        return StandardNormal.cdf(z0 + u / d);
    }

    private static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be within (0, 1), got " + level);
        }
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
