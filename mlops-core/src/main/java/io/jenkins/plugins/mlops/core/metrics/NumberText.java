package io.jenkins.plugins.mlops.core.metrics;

import java.util.Locale;

/**
 * Numbers as Python, NumPy and pandas write them into CSV files: plain decimals ({@code -1.5e3}, {@code .5},
 * {@code 2.}) and the special values {@code nan}, {@code inf}, {@code -inf}, {@code Infinity} in any case. A special
 * value is a number (one the gate then rejects by name), not a parse error.
 */
public final class NumberText {

    private NumberText() {
    }

    /** The value of {@code text}, or null when it is not a number. */
    public static Double parse(String text) {
        if (isDecimal(text)) {
            return Double.parseDouble(text);
        }
        return special(text);
    }

    private static Double special(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int start = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        String body = t.substring(start);
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.equals("inf") || body.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /**
     * A plain decimal number; checked by hand rather than with a regex because a million-row predictions file is
     * two million values.
     */
    private static boolean isDecimal(String t) {
        int i = 0;
        int len = t.length();
        if (i < len && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < len && isAsciiDigit(t.charAt(i))) {
            i++;
            digits++;
        }
        if (i < len && t.charAt(i) == '.') {
            i++;
            while (i < len && isAsciiDigit(t.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < len && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < len && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < len && isAsciiDigit(t.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == len;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
