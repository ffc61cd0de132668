package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void constantErrorGivesZeroWidthInterval() throws Exception {
        int n = 5000;
        double[] labels = new double[n];
        double[] predictions = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 5;
            predictions[i] = labels[i] + (i % 2 == 0 ? 0.25 : -0.25);
        }
        Map<String, MetricEstimate> m = new Bootstrap(1, 500).estimate(new RegressionPredictions(labels, predictions));
        for (String name : List.of("rmse", "mae")) {
            ConfidenceInterval ci = m.get(name).interval(0.99);
            assertThat(m.get(name).value()).isEqualTo(0.25);
            assertThat(ci.low()).isCloseTo(0.25, within(1e-12));
            assertThat(ci.high()).isCloseTo(0.25, within(1e-12));
        }
    }

    @Test
    void maeIntervalAgreesWithNormalApproximation() throws Exception {
        // MAE is a mean of |errors|; for n = 20,000 its bootstrap distribution is close to normal with standard
        // error sd/sqrt(n), so the 95% interval is close to mean ± 1.96·sd/sqrt(n).
        int n = 20_000;
        SplittableRandom rng = new SplittableRandom(3);
        double[] labels = new double[n];
        double[] predictions = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = 0;
            predictions[i] = rng.nextDouble() * rng.nextDouble() * 4;
        }
        double mean = 0;
        for (double p : predictions) {
            mean += p;
        }
        mean /= n;
        double ss = 0;
        for (double p : predictions) {
            ss += (p - mean) * (p - mean);
        }
        double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        MetricEstimate mae = new Bootstrap(5, 2000).estimate(new RegressionPredictions(labels, predictions)).get("mae");
        ConfidenceInterval ci = mae.interval(0.95);
        assertThat(mae.value()).isCloseTo(mean, within(1e-12));
        assertThat(mae.distribution().standardError()).isCloseTo(se, within(0.08 * se));
        assertThat(ci.low()).isCloseTo(mean - 1.96 * se, within(0.25 * se));
        assertThat(ci.high()).isCloseTo(mean + 1.96 * se, within(0.25 * se));
    }

    @Test
    void sameSeedSameResultWhateverTheThreadCount() throws Exception {
        RegressionPredictions p = BootstrapBenchmark.syntheticRegression(10_000);
        BootstrapDistribution one = new Bootstrap(99, 300, 1).estimate(p).get("rmse").distribution();
        BootstrapDistribution three = new Bootstrap(99, 300, 3).estimate(p).get("rmse").distribution();
        BootstrapDistribution seven = new Bootstrap(99, 300, 7).estimate(p).get("rmse").distribution();
        for (double q : new double[] {0, 0.025, 0.5, 0.975, 1}) {
            assertThat(three.quantile(q)).isEqualTo(one.quantile(q));
            assertThat(seven.quantile(q)).isEqualTo(one.quantile(q));
        }
        BootstrapDistribution otherSeed = new Bootstrap(100, 300, 3).estimate(p).get("rmse").distribution();
        assertThat(otherSeed.quantile(0.5)).isNotEqualTo(one.quantile(0.5));
    }

    @Test
    void drawsAreUniformAcrossBlocks() throws Exception {
        // Examples in a partial last block, at block edges and in the middle must each be drawn with probability
        // 1/n. An example with error 1 among zeros makes MAE of a resample equal its share of the draws; averaged
        // over resamples that share must be k/n for k marked examples.
        int n = 2 * BlockedDraws.BLOCK + 300;
        int[][] marked = {
            {n - 1, n - 2, n - 300},                                    // the partial last block
            {0, BlockedDraws.BLOCK - 1, BlockedDraws.BLOCK},            // block edges
            {1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009} // the middle of a block
        };
        for (int[] ids : marked) {
            double[] labels = new double[n];
            double[] predictions = new double[n];
            for (int id : ids) {
                predictions[id] = 1;
            }
            int resamples = 4000;
            BootstrapDistribution d = new Bootstrap(11, resamples).estimate(new RegressionPredictions(labels, predictions))
                    .get("mae").distribution();
            double mean = 0;
            for (int i = 0; i <= 1000; i++) {
                mean += d.quantile(i / 1000.0);
            }
            mean /= 1001;
            double expected = (double) ids.length / n;
            // Each resample's share has standard deviation sqrt(k/n / n); over 4000 resamples the mean's is ~1.6% of k/n.
            assertThat(mean).isCloseTo(expected, within(0.1 * expected));
        }
    }

    @Test
    void quantilesInterpolateLikeNumpyPercentile() {
        // numpy.percentile([1, 2, 4, 8, 16], [0, 10, 25, 50, 62.5, 90, 100]) == [1, 1.4, 2, 4, 6, 12.8, 16]
        BootstrapDistribution d = new BootstrapDistribution(new double[] {8, 1, 16, 4, 2});
        assertThat(d.quantile(0)).isEqualTo(1);
        assertThat(d.quantile(0.10)).isCloseTo(1.4, within(1e-12));
        assertThat(d.quantile(0.25)).isEqualTo(2);
        assertThat(d.quantile(0.5)).isEqualTo(4);
        assertThat(d.quantile(0.625)).isCloseTo(6, within(1e-12));
        assertThat(d.quantile(1)).isEqualTo(16);
        ConfidenceInterval ci = d.interval(0.8);
        assertThat(ci.low()).isCloseTo(1.4, within(1e-12));
        assertThat(ci.high()).isCloseTo(12.8, within(1e-12));
    }

    @Test
    void classificationMetricsOnAllExamplesFollowMacroConventions() throws Exception {
        // labels a a b b c, predictions a b b b a: class c is never predicted (precision 0 by convention).
        // a: tp 1, as label 2, as prediction 2 -> P 1/2, R 1/2, F1 1/2
        // b: tp 2, as label 2, as prediction 3 -> P 2/3, R 1,   F1 4/5
        // c: tp 0, as label 1, as prediction 0 -> P 0,   R 0,   F1 0
        ClassificationPredictions p = new ClassificationPredictions(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0},
                List.of("a", "b", "c"));
        Map<String, MetricEstimate> m = new Bootstrap(1, 100).estimate(p);
        assertThat(m.get("accuracy").value()).isCloseTo(3 / 5.0, within(1e-12));
        assertThat(m.get("precision").value()).isCloseTo((0.5 + 2 / 3.0 + 0) / 3, within(1e-12));
        assertThat(m.get("recall").value()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
        assertThat(m.get("f1").value()).isCloseTo((0.5 + 0.8 + 0) / 3, within(1e-12));
    }

    @Test
    void interruptionStopsTheBootstrap() throws Exception {
        RegressionPredictions p = BootstrapBenchmark.syntheticRegression(200_000);
        Thread.currentThread().interrupt();
        try {
            new Bootstrap(1, 100_000).estimate(p);
            throw new AssertionError("expected InterruptedException");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
