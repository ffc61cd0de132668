package io.jenkins.plugins.mlops.core.validate.stats;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.InverseErfc;

/** The standard normal distribution's CDF Φ and quantile Φ⁻¹, through erfc so that both tails keep full precision. */
final class StandardNormal {

    private static final double SQRT2 = Math.sqrt(2);

    private StandardNormal() {
    }

    /** Φ(x) = erfc(-x/√2)/2. */
    static double cdf(double x) {
        return 0.5 * Erfc.value(-x / SQRT2);
    }

    /** Φ⁻¹(p) = -√2·erfc⁻¹(2p), for p in (0, 1). */
    static double quantile(double p) {
        return -SQRT2 * InverseErfc.value(2 * p);
    }
}
