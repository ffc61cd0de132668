package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.List;

/**
 * Metrics that can be computed on the full evaluation set, on bootstrap resamples of it, and with one example left
 * out (the jackknife, for the BCa acceleration). With two models the metrics of both are computed from the same
 * draws, which is what makes the comparison paired. Each thread gets its own {@link Worker} so that scratch space is
 * never shared.
 */
interface ResampledStatistic {

    /** Names of the metrics, in the order of the arrays below. */
    List<String> names();

    /** Number of examples. */
    int size();

    /** The metrics on all examples. */
    double[] onAll();

    /** The metrics on all examples but {@code i}, written to {@code into} in the order of {@link #names()}. */
    void leaveOneOut(int i, double[] into);

    Worker newWorker();

    interface Worker {
        /**
         * Computes the metrics on the resamples of the current batch of {@code draws} and writes metric {@code m} of
         * batch entry {@code r} to {@code out[m][r]}.
         */
        void resampleBatch(BlockedDraws draws, double[][] out);
    }
}
