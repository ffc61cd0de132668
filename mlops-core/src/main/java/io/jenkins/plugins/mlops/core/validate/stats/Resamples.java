package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The metrics computed from predictions, on all examples and on every bootstrap resample, kept in resample order so
 * that any function of them — a difference between candidate and baseline, a bound with a margin — can be resampled
 * too: its value on resample {@code b} is the function of the metrics on resample {@code b}. With paired predictions
 * the baseline's metrics ({@code baseline.rmse}, ...) come from the same draws as the candidate's.
 */
public final class Resamples {

    /** Prefix of the baseline's metrics when the predictions were paired. */
    public static final String BASELINE = "baseline.";
    /**
     * Up to this many leave-one-out values (examples x metrics, 16 MiB) are kept once computed, so that the many
     * intervals of one gate (every metric, every delta, every test) share one jackknife pass; beyond, each interval
     * recomputes them, which costs time, not memory.
     */
    private static final long KEPT_JACKKNIFE = 1 << 21;

    private final ResampledStatistic statistic;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final double[] point;
    /** samples[m][b]: metric m on resample b. */
    private final double[][] samples;
    private final PredictionTask task;
    private final boolean paired;
    private final Map<String, BootstrapDistribution> byName = new HashMap<>();
    /** jackknife[i * metrics + m]: metric m without example i; null until needed, or when too large to keep. */
    private double[] jackknife;

    Resamples(ResampledStatistic statistic, double[] point, double[][] samples, PredictionTask task, boolean paired) {
        this.statistic = statistic;
        this.names = List.copyOf(statistic.names());
        for (int m = 0; m < names.size(); m++) {
            index.put(names.get(m), m);
        }
        this.point = point;
        this.samples = samples;
        this.task = task;
        this.paired = paired;
    }

    /** The metrics, candidate's first: {@code rmse, mae} or {@code accuracy, precision, recall, f1, ...}. */
    public List<String> names() {
        return names;
    }

    public boolean has(String name) {
        return index.containsKey(name);
    }

    /** Position of {@code name} in the metric vectors a {@link #distribution(ToDoubleFunction)} function receives. */
    public int indexOf(String name) {
        Integer m = index.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no resampled metric '" + name + "'; there are " + names);
        }
        return m;
    }

    /** The metric on all examples. */
    public double value(String name) {
        return point[indexOf(name)];
    }

    /** Metric {@code name} on every resample, in resample order (a copy). */
    public double[] resampled(String name) {
        return samples[indexOf(name)].clone();
    }

    public int examples() {
        return statistic.size();
    }

    public int resamples() {
        return samples[0].length;
    }

    public PredictionTask task() {
        return task;
    }

    /** Whether a baseline's predictions were resampled with the candidate's. */
    public boolean paired() {
        return paired;
    }

    /** The distribution of one metric (computed once). */
    public synchronized BootstrapDistribution distribution(String name) {
        int m = indexOf(name);
        return byName.computeIfAbsent(name, k -> distribution(v -> v[m]));
    }

    /**
     * The distribution of a function of the metrics, such as {@code v -> v[rmse] - v[baselineRmse]}: evaluated on the
     * metrics on all examples, on every resample, and (for BCa's acceleration) with each example left out.
     */
    public BootstrapDistribution distribution(ToDoubleFunction<double[]> f) {
        double value = f.applyAsDouble(point.clone());
        int b = resamples();
        double[] row = new double[names.size()];
        double[] resampled = new double[b];
        for (int r = 0; r < b; r++) {
            for (int m = 0; m < row.length; m++) {
                row[m] = samples[m][r];
            }
            resampled[r] = f.applyAsDouble(row);
        }
        int n = statistic.size();
        double[] kept = keptJackknife();
        double[] leftOut = new double[n];
        for (int i = 0; i < n; i++) {
            if (kept != null) {
                System.arraycopy(kept, i * row.length, row, 0, row.length);
            } else {
                statistic.leaveOneOut(i, row);
            }
            leftOut[i] = f.applyAsDouble(row);
        }
        return new BootstrapDistribution(value, resampled, leftOut);
    }

    /** Every leave-one-out value, computed once, when there are few enough of them to keep; else null. */
    private synchronized double[] keptJackknife() {
        int m = names.size();
        long size = (long) statistic.size() * m;
        if (jackknife == null && size <= KEPT_JACKKNIFE) {
            double[] all = new double[(int) size];
            double[] row = new double[m];
            for (int i = 0; i < statistic.size(); i++) {
                statistic.leaveOneOut(i, row);
                System.arraycopy(row, 0, all, i * m, m);
            }
            jackknife = all;
        }
        return jackknife;
    }

    /** The BCa interval of one metric. */
    public ConfidenceInterval interval(String name, double level) {
        return distribution(name).interval(level);
    }
}
