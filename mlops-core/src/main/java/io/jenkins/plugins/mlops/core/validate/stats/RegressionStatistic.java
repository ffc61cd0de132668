package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.List;

/** RMSE and MAE. Squared and absolute errors are computed once and stored side by side, so one draw reads one cache line. */
final class RegressionStatistic implements ResampledStatistic {

    static final String RMSE = "rmse";
    static final String MAE = "mae";

    /** errors[2i] = (prediction - label)², errors[2i+1] = |prediction - label|. */
    private final double[] errors;
    private final int n;

    RegressionStatistic(RegressionPredictions p) {
        this.n = p.size();
        this.errors = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double d = p.prediction(i) - p.label(i);
            errors[2 * i] = d * d;
            errors[2 * i + 1] = Math.abs(d);
        }
    }

    @Override
    public List<String> names() {
        return List.of(RMSE, MAE);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double[] onAll() {
        double sq = 0;
        double ab = 0;
        for (int i = 0; i < n; i++) {
            sq += errors[2 * i];
            ab += errors[2 * i + 1];
        }
        return new double[] {Math.sqrt(sq / n), ab / n};
    }

    @Override
    public Worker newWorker() {
        return this::resampleBatch;
    }

    private void resampleBatch(BlockedDraws draws, double[][] out) {
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
}
