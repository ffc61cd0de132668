package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.List;

/**
 * RMSE and MAE of one model, or of a candidate and a baseline on the same examples. Squared and absolute errors are
 * computed once and stored side by side (both models' for one example next to each other), so one draw reads one
 * cache line and the paired bootstrap costs little more than the unpaired one.
 */
final class RegressionStatistic implements ResampledStatistic {

    static final String RMSE = "rmse";
    static final String MAE = "mae";

    /** Per example, per model: (prediction - label)², |prediction - label|. */
    private final double[] errors;
    private final int n;
    private final int models;
    /** Per model: the sums of squared and of absolute errors over all examples. */
    private final double[] totals;

    /** One model: rmse, mae. */
    RegressionStatistic(RegressionPredictions p) {
        this(new RegressionPredictions[] {p});
    }

    /** Candidate and baseline: rmse, mae, baseline.rmse, baseline.mae. */
    RegressionStatistic(PairedPredictions paired) {
        this(new RegressionPredictions[] {(RegressionPredictions) paired.candidate(), (RegressionPredictions) paired.baseline()});
    }

    private RegressionStatistic(RegressionPredictions[] p) {
        this.n = p[0].size();
        this.models = p.length;
        int width = 2 * models;
        this.errors = new double[width * n];
        this.totals = new double[width];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < models; m++) {
                double d = p[m].prediction(i) - p[m].label(i);
                errors[width * i + 2 * m] = d * d;
                errors[width * i + 2 * m + 1] = Math.abs(d);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < width; k++) {
                totals[k] += errors[width * i + k];
            }
        }
    }

    @Override
    public List<String> names() {
        return models == 1 ? List.of(RMSE, MAE)
                : List.of(RMSE, MAE, Resamples.BASELINE + RMSE, Resamples.BASELINE + MAE);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double[] onAll() {
        double[] out = new double[2 * models];
        for (int m = 0; m < models; m++) {
            out[2 * m] = Math.sqrt(totals[2 * m] / n);
            out[2 * m + 1] = totals[2 * m + 1] / n;
        }
        return out;
    }

    @Override
    public void leaveOneOut(int i, double[] into) {
        int width = 2 * models;
        int rest = n - 1;
        for (int m = 0; m < models; m++) {
            into[2 * m] = Math.sqrt((totals[2 * m] - errors[width * i + 2 * m]) / rest);
            into[2 * m + 1] = (totals[2 * m + 1] - errors[width * i + 2 * m + 1]) / rest;
        }
    }

    @Override
    public Worker newWorker() {
        return models == 1 ? this::resampleOne : this::resampleTwo;
    }

    private void resampleOne(BlockedDraws draws, double[][] out) {
        final double[] e = errors;
        int batch = draws.size();
        double[] sq = new double[batch];
        double[] ab = new double[batch];
        int[] positions = new int[Math.max(BlockedDraws.BLOCK * 2, draws.maxCount())];
        for (int k = 0; k < draws.blocks(); k++) {
            for (int r = 0; r < batch; r++) {
                int count = draws.positions(r, k, positions);
                // Two independent sums per metric let the CPU overlap additions; the order is fixed per resample.
                double sq0 = 0;
                double sq1 = 0;
                double ab0 = 0;
                double ab1 = 0;
                int t = 0;
                for (; t + 1 < count; t += 2) {
                    int a = positions[t];
                    int b = positions[t + 1];
                    sq0 += e[2 * a];
                    ab0 += e[2 * a + 1];
                    sq1 += e[2 * b];
                    ab1 += e[2 * b + 1];
                }
                if (t < count) {
                    int a = positions[t];
                    sq0 += e[2 * a];
                    ab0 += e[2 * a + 1];
                }
                sq[r] += sq0 + sq1;
                ab[r] += ab0 + ab1;
            }
        }
        for (int r = 0; r < batch; r++) {
            out[0][r] = Math.sqrt(sq[r] / n);
            out[1][r] = ab[r] / n;
        }
    }

    /** Both models from the same draws: the four errors of an example are one 32-byte read. */
    private void resampleTwo(BlockedDraws draws, double[][] out) {
        final double[] e = errors;
        int batch = draws.size();
        double[] sums = new double[4 * batch];
        int[] positions = new int[Math.max(BlockedDraws.BLOCK * 2, draws.maxCount())];
        for (int k = 0; k < draws.blocks(); k++) {
            for (int r = 0; r < batch; r++) {
                int count = draws.positions(r, k, positions);
                double sqC = 0;
                double abC = 0;
                double sqB = 0;
                double abB = 0;
                for (int t = 0; t < count; t++) {
                    int a = 4 * positions[t];
                    sqC += e[a];
                    abC += e[a + 1];
                    sqB += e[a + 2];
                    abB += e[a + 3];
                }
                sums[4 * r] += sqC;
                sums[4 * r + 1] += abC;
                sums[4 * r + 2] += sqB;
                sums[4 * r + 3] += abB;
            }
        }
        for (int r = 0; r < batch; r++) {
            out[0][r] = Math.sqrt(sums[4 * r] / n);
            out[1][r] = sums[4 * r + 1] / n;
            out[2][r] = Math.sqrt(sums[4 * r + 2] / n);
            out[3][r] = sums[4 * r + 3] / n;
        }
    }
}
