package io.jenkins.plugins.mlops.core.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers, durations, sizes and times read on a page: rounded for people, the full value kept for a tooltip.
 * A metric reads {@code 0.8079}, not {@code 0.8079467341783971}; a count reads {@code 6,043}, not {@code 6043.0}.
 * The gate's reasons keep their own six-digit form ({@code validate.Numbers}); this is only for the eye.
 */
public final class Display {

    /** Significant digits of a metric on a page: enough to tell 0.8079 from 0.8085, few enough to read at a glance. */
    static final int DIGITS = 4;
    /** U+2212, the minus sign, lines up with the plus in a column of differences (a hyphen does not). */
    static final String MINUS = "\u2212";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    /** {@code 0.8079}, {@code 6,043}, {@code 12.35}, {@code 1,234.6}, {@code 3.2e-5}; {@code -} for null. */
    public static String number(Double v) {
        if (v == null) {
            return "-";
        }
        double d = v;
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "\u221e" : MINUS + "\u221e";
        }
        String sign = d < 0 ? MINUS : "";
        double a = Math.abs(d);
        if (a == 0) {
            return "0";
        }
        if (a == Math.rint(a) && a < 1e15) {
            return sign + grouped(new BigDecimal(a).setScale(0, RoundingMode.UNNECESSARY));
        }
        if (a < 1e-4 || a >= 1e15) {
            return sign + String.format(Locale.ROOT, "%.2e", a).replaceAll("\\.?0+e", "e").replace("e-0", "e-")
                    .replace("e+0", "e").replace("e+", "e");
        }
        BigDecimal b = a >= 1000
                ? new BigDecimal(a).setScale(1, RoundingMode.HALF_EVEN)
                : new BigDecimal(a).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        return sign + grouped(b.stripTrailingZeros());
    }

    /** A difference with its sign always written: {@code +0.0123}, {@code −0.0031}, {@code 0}. */
    public static String signed(Double v) {
        if (v == null) {
            return "-";
        }
        String s = number(v);
        return v > 0 && !Double.isNaN(v) ? "+" + s : s;
    }

    /** {@code +3.1%} / {@code −0.4%}, relative to {@code base}; null when the base is 0 or unknown. */
    public static String percentChange(Double value, Double base) {
        if (value == null || base == null || base == 0 || !Double.isFinite(value) || !Double.isFinite(base)) {
            return null;
        }
        double p = (value - base) / Math.abs(base) * 100;
        String s = String.format(Locale.ROOT, Math.abs(p) >= 10 ? "%.0f" : "%.1f", Math.abs(p));
        if (Double.parseDouble(s) == 0) {
            return "0%";
        }
        return (p > 0 ? "+" : MINUS) + s + "%";
    }

    /** The exact value, for a tooltip: what {@code Double.toString} writes ({@code 0.8079467341783971}). */
    public static String exact(Double v) {
        if (v == null) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return Double.toString(v);
    }

    /** A parameter as written: numbers rounded like metrics, anything else as its text. */
    public static String value(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return number(n.doubleValue());
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    /** {@code 4.5 s}, {@code 2 min 3 s}, {@code 1 h 2 min}; {@code -} for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    /** {@code 512 B}, {@code 3.4 KiB}, {@code 12 MiB}, {@code 1.2 GiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** {@code 2026-11-26 14:03 UTC}: minutes are what a person compares; the exact instant goes in a tooltip. */
    public static String when(Instant t) {
        return t == null ? "-" : WHEN.format(t);
    }

    /** {@code sha256:1a2b3c4d5e6f}: enough of a digest to tell two apart on a page; the whole one goes in a tooltip. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        int colon = digest.indexOf(':');
        int keep = 12;
        return digest.length() > colon + 1 + keep ? digest.substring(0, colon + 1 + keep) : digest;
    }

    private static String grouped(BigDecimal b) {
        DecimalFormat f = new DecimalFormat("#,##0.###############", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMaximumFractionDigits(Math.max(0, b.scale()));
        f.setMinimumFractionDigits(Math.max(0, b.scale()));
        return f.format(b);
    }
}
