package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap against numbers computed independently with NumPy by src/test/resources/validate/bootstrap_reference.py
 * (400,000 resamples from NumPy's own generator, numpy.percentile with linear interpolation), on the two prediction
 * files that script wrote. The Java side uses 20,000 resamples; Monte Carlo error of a 2.5% quantile is then about
 * 0.5% of the interval's width, so a tolerance of 3% of the width fails on a real difference in definition (wrong
 * percentile, wrong macro average, biased draws) but not on sampling noise.
 */
class BootstrapReferenceTest {

    private static final int RESAMPLES = 20_000;

    @Test
    void regressionMatchesNumpy() throws Exception {
        Predictions p = PredictionsFile.read(resource("regression_predictions.csv"), null);
        assertThat(p).isInstanceOf(RegressionPredictions.class);
        assertThat(p.size()).isEqualTo(500);
        Resamples m = new Bootstrap(7, RESAMPLES).resample(p);
        check(m, "rmse", 0.5918558315, 0.5185058449, 0.6677200103, 0.5293590983, 0.6546962585);
        check(m, "mae", 0.4470666620, 0.4144333280, 0.4822999980, 0.4193666540, 0.4762666700);
    }

    @Test
    void classificationMatchesNumpy() throws Exception {
        Predictions p = PredictionsFile.read(resource("classification_predictions.csv"), null);
        assertThat(p).isInstanceOf(ClassificationPredictions.class);
        assertThat(p.size()).isEqualTo(600);
        Resamples m = new Bootstrap(7, RESAMPLES).resample(p);
        check(m, "accuracy", 0.7050000000, 0.6683333333, 0.7416666667, 0.6733333333, 0.7350000000);
        check(m, "precision", 0.7019414542, 0.6647426260, 0.7383664416, 0.6707879007, 0.7325857702);
        check(m, "recall", 0.7050396306, 0.6676867589, 0.7415392720, 0.6737646555, 0.7357923746);
        check(m, "f1", 0.7029023436, 0.6650634621, 0.7388753661, 0.6711454040, 0.7330689028);
    }

    private static void check(Resamples m, String name, double value, double low95, double high95, double low90,
            double high90) {
        // The value on all examples is exact arithmetic, not sampling.
        assertThat(m.value(name)).as(name + " value").isCloseTo(value, within(1e-9));
        double tolerance = 0.03 * (high95 - low95);
        ConfidenceInterval ci95 = m.distribution(name).percentileInterval(0.95);
        ConfidenceInterval ci90 = m.distribution(name).percentileInterval(0.90);
        assertThat(ci95.low()).as(name + " 95% low").isCloseTo(low95, within(tolerance));
        assertThat(ci95.high()).as(name + " 95% high").isCloseTo(high95, within(tolerance));
        assertThat(ci90.low()).as(name + " 90% low").isCloseTo(low90, within(tolerance));
        assertThat(ci90.high()).as(name + " 90% high").isCloseTo(high90, within(tolerance));
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BootstrapReferenceTest.class.getResource("/validate/" + name).toURI());
    }
}
