package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
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
        Resamples m = new Bootstrap(1, 500).resample(new RegressionPredictions(labels, predictions));
        for (String name : List.of("rmse", "mae")) {
            ConfidenceInterval ci = m.interval(name, 0.99);
            assertThat(m.value(name)).isEqualTo(0.25);
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
        BootstrapDistribution mae = new Bootstrap(5, 2000).resample(new RegressionPredictions(labels, predictions))
                .distribution("mae");
        ConfidenceInterval ci = mae.interval(0.95);
        assertThat(mae.value()).isCloseTo(mean, within(1e-12));
        assertThat(mae.standardError()).isCloseTo(se, within(0.08 * se));
        assertThat(ci.low()).isCloseTo(mean - 1.96 * se, within(0.25 * se));
        assertThat(ci.high()).isCloseTo(mean + 1.96 * se, within(0.25 * se));
    }

    @Test
    void sameSeedSameResultWhateverTheThreadCount() throws Exception {
        RegressionPredictions p = BootstrapBenchmark.syntheticRegression(10_000);
        double[] one = new Bootstrap(99, 300, 1).resample(p).resampled("rmse");
        assertThat(new Bootstrap(99, 300, 3).resample(p).resampled("rmse")).isEqualTo(one);
        assertThat(new Bootstrap(99, 300, 7).resample(p).resampled("rmse")).isEqualTo(one);
        assertThat(new Bootstrap(100, 300, 3).resample(p).resampled("rmse")).isNotEqualTo(one);
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
            double[] shares = new Bootstrap(11, resamples).resample(new RegressionPredictions(labels, predictions))
                    .resampled("mae");
            double mean = 0;
            for (double share : shares) {
                mean += share;
            }
            mean /= shares.length;
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
        ConfidenceInterval ci = d.percentileInterval(0.8);
        assertThat(ci.low()).isCloseTo(1.4, within(1e-12));
        assertThat(ci.high()).isCloseTo(12.8, within(1e-12));
        // Without a value on all examples there is nothing to correct: the interval is the percentile interval.
        assertThat(d.interval(0.8)).isEqualTo(ci);
    }

    @Test
    void bcaCorrectsForBiasAndAcceleration() {
        // Resampled values 1..99; the value on all examples is 40: 39 below it and one equal (counted half), so
        // z0 = Φ⁻¹(39.5/99) < 0 and, with no acceleration, both bounds move down.
        double[] samples = new double[99];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i + 1;
        }
        double[] flat = new double[10];
        BootstrapDistribution d = new BootstrapDistribution(40, samples, flat);
        assertThat(d.acceleration()).isZero();
        assertThat(d.biasCorrection()).isCloseTo(StandardNormal.quantile(39.5 / 99), within(1e-15)).isNegative();
        ConfidenceInterval bca = d.interval(0.9);
        ConfidenceInterval percentile = d.percentileInterval(0.9);
        assertThat(bca.low()).isLessThan(percentile.low());
        assertThat(bca.high()).isLessThan(percentile.high());
        // The shares read are Φ(2·z0 ∓ 1.645), at positions 98·p.
        assertThat(bca.low()).isCloseTo(1 + 98 * StandardNormal.cdf(2 * d.biasCorrection() - 1.6448536269514722), within(1e-9));
        assertThat(bca.high()).isCloseTo(1 + 98 * StandardNormal.cdf(2 * d.biasCorrection() + 1.6448536269514722), within(1e-9));

        // One example far above the rest (its leave-one-out value far below the others) gives a positive
        // acceleration: the statistic's spread grows with its value, so both bounds move up. Here z0 = 0 and
        // a = 0.72 / (6 * 0.9^1.5); the shares read are Φ(z / (1 - a z)) for z = ∓1.645.
        double[] skewed = {1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        BootstrapDistribution accelerated = new BootstrapDistribution(50, samples, skewed);
        double a = 0.72 / (6 * Math.pow(0.9, 1.5));
        assertThat(accelerated.biasCorrection()).isZero();
        assertThat(accelerated.acceleration()).isCloseTo(a, within(1e-12));
        ConfidenceInterval up = accelerated.interval(0.9);
        double z = 1.6448536269514722;
        assertThat(up.low()).isCloseTo(1 + 98 * StandardNormal.cdf(-z / (1 + a * z)), within(1e-9));
        assertThat(up.high()).isCloseTo(1 + 98 * StandardNormal.cdf(z / (1 - a * z)), within(1e-9));
        ConfidenceInterval plain = new BootstrapDistribution(50, samples, flat).interval(0.9);
        assertThat(up.low()).isGreaterThan(plain.low());
        assertThat(up.high()).isGreaterThan(plain.high());
    }

    @Test
    void bcaOfAStatisticThatNoResampleFallsBelowStillHasAnInterval() {
        double[] samples = {5, 6, 7, 8};
        BootstrapDistribution d = new BootstrapDistribution(1, samples, new double[] {1, 1});
        assertThat(d.biasCorrection()).isCloseTo(StandardNormal.quantile(0.125), within(1e-12));
        ConfidenceInterval ci = d.interval(0.95);
        assertThat(ci.low()).isCloseTo(5, within(1e-3));
        assertThat(ci.high()).isLessThan(8);
        assertThat(new BootstrapDistribution(Double.NaN, samples, new double[] {1, 1}).interval(0.95).low()).isNaN();
    }

    @Test
    void standardNormalMatchesKnownValues() {
        assertThat(StandardNormal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-15));
        assertThat(StandardNormal.quantile(1e-10)).isCloseTo(-6.361340902404056, within(1e-12));
        assertThat(StandardNormal.cdf(-1.959963984540054)).isCloseTo(0.025, within(1e-16));
        assertThat(StandardNormal.cdf(-8)).isCloseTo(6.22096057427178e-16, within(1e-28));
    }

    @Test
    void classificationMetricsOnAllExamplesFollowMacroConventions() throws Exception {
        // labels a a b b c, predictions a b b b a: class c is never predicted (precision 0 by convention).
        // a: tp 1, as label 2, as prediction 2 -> P 1/2, R 1/2, F1 1/2
        // b: tp 2, as label 2, as prediction 3 -> P 2/3, R 1,   F1 4/5
        // c: tp 0, as label 1, as prediction 0 -> P 0,   R 0,   F1 0
        ClassificationPredictions p = new ClassificationPredictions(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0},
                List.of("a", "b", "c"));
        Resamples m = new Bootstrap(1, 100).resample(p);
        assertThat(m.value("accuracy")).isCloseTo(3 / 5.0, within(1e-12));
        assertThat(m.value("precision")).isCloseTo((0.5 + 2 / 3.0 + 0) / 3, within(1e-12));
        assertThat(m.value("recall")).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
        assertThat(m.value("f1")).isCloseTo((0.5 + 0.8 + 0) / 3, within(1e-12));
        // Always predicting 'a' or 'b' (two of five labels each; the first in class order wins) is right 2 in 5.
        assertThat(m.value("majority.accuracy")).isEqualTo(2 / 5.0);
    }

    @Test
    void interruptionStopsTheBootstrap() throws Exception {
        RegressionPredictions p = BootstrapBenchmark.syntheticRegression(200_000);
        Thread.currentThread().interrupt();
        try {
            new Bootstrap(1, 100_000).resample(p);
            throw new AssertionError("expected InterruptedException");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
