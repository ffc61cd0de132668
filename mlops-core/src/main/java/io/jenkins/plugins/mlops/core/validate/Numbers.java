package io.jenkins.plugins.mlops.core.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers read in reasons and tables: six significant digits, no exponent for everyday magnitudes. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", v).replaceAll("\\.?0+e", "e");
    }

    /** {@link #format(double)}, or {@code -} for null. */
    public static String format(Double v) {
        return v == null ? "-" : format(v.doubleValue());
    }
}
