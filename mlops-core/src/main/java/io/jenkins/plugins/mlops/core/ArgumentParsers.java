package io.jenkins.plugins.mlops.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the textual forms users write in a Jenkinsfile or on the command line ({@code memory: '2g'},
 * {@code timeout: '1h30m'}) and names the argument when the text is wrong.
 */
public final class ArgumentParsers {

    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private ArgumentParsers() {
    }

    /**
     * A size as Docker writes it: {@code 512m}, {@code 2g}, {@code 1.5g}, {@code 1048576} (bytes); units are
     * binary (k = 1024) and case-insensitive; {@code 2GiB} and {@code 2gb} are accepted too.
     */
    public static long byteSize(String argument, String text) {
        if (text == null || text.isBlank()) {
            throw new MlopsArgumentException(argument, "empty size; write it like 512m or 2g");
        }
        Matcher m = BYTE_SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not a size; write it like 512m or 2g");
        }
        double number = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        double bytes = number * (1L << shift);
        if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
            throw new MlopsArgumentException(argument, "'" + text + "' is out of range");
        }
        return (long) bytes;
    }

    /**
     * A duration such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}; a bare number means minutes, as in
     * Jenkins' own {@code timeout} step.
     */
    public static Duration duration(String argument, String text) {
        if (text == null || text.isBlank()) {
            throw new MlopsArgumentException(argument, "empty duration; write it like 90s, 30m or 2h");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.chars().allMatch(Character::isDigit)) {
            return positive(argument, text, Duration.ofMinutes(Long.parseLong(t)));
        }
        Matcher m = DURATION_PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not a duration; write it like 90s, 30m, 2h or 1h30m");
        }
        return positive(argument, text, total);
    }

    /**
     * A whole number from {@code min} to {@code max}, from what a Jenkinsfile or a form gives: a number
     * ({@code 2}, {@code 2.0}) or its text ({@code '2'}). Pipeline's own binding would turn {@code 2.7} into 2 and
     * {@code 3000000000} into a negative int without a word; this refuses both, naming the argument.
     */
    public static long wholeNumber(String argument, Object value, long min, long max) {
        java.math.BigDecimal d;
        try {
            d = value instanceof Number n ? new java.math.BigDecimal(n.toString())
                    : new java.math.BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new MlopsArgumentException(argument, "must be a whole number from " + min + " to " + max + ", got '"
                    + value + "'");
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new MlopsArgumentException(argument, "must be a whole number, got " + d.toPlainString());
        }
        if (d.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw new MlopsArgumentException(argument, "must be from " + min + " to " + max + ", got " + d.toPlainString());
        }
        return d.longValueExact();
    }

    private static Duration positive(String argument, String text, Duration d) {
        if (d.isZero()) {
            throw new MlopsArgumentException(argument, "'" + text + "' must be longer than zero");
        }
        return d;
    }
}
