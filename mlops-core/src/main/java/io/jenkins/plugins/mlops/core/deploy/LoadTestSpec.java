package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load test a new version must pass before it receives traffic: the smoke requests sent to it at a fixed rate
 * ({@code loadTest: [rps: 50, duration: '10s', maxP99Ms: 100, maxErrorRate: 0.0]}).
 *
 * @param rps          requests per second
 * @param duration     how long
 * @param maxP99Ms     the 99th percentile latency it may not exceed, or null
 * @param maxErrorRate the share of failed requests it may not exceed (0 to 1)
 */
public record LoadTestSpec(double rps, Duration duration, Double maxP99Ms, double maxErrorRate) implements Serializable {

    static final Set<String> KEYS = Set.of("rps", "duration", "maxP99Ms", "maxErrorRate");
    /** Long enough to learn something, short enough that a mistyped duration does not hold a deployment for hours. */
    static final Duration MAX_DURATION = Duration.ofMinutes(10);
    static final double MAX_RPS = 2000;

    /** Reads the map a Pipeline script (or the CLI) gives, naming the key that is wrong ({@code loadTest.rps}). */
    public static LoadTestSpec parse(String argument, Map<?, ?> raw) {
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k), v instanceof CharSequence cs ? cs.toString() : v));
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new MlopsArgumentException(argument, "unknown key '" + key + "'; the keys are "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        Double rps = number(argument, m, "rps");
        if (rps == null || !(rps > 0) || rps > MAX_RPS) {
            throw new MlopsArgumentException(argument + ".rps", "give the rate in requests per second, more than 0"
                    + " and at most " + (int) MAX_RPS + (rps == null ? "" : "; got " + rps));
        }
        Object d = m.get("duration");
        Duration duration = d == null ? Duration.ofSeconds(10) : ArgumentParsers.duration(argument + ".duration",
                d instanceof Number n ? n.longValue() + "s" : d.toString());
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new MlopsArgumentException(argument + ".duration", "must be at most 10m, got " + d);
        }
        Double p99 = number(argument, m, "maxP99Ms");
        if (p99 != null && !(p99 > 0)) {
            throw new MlopsArgumentException(argument + ".maxP99Ms", "must be more than 0, got " + p99);
        }
        Double errorRate = number(argument, m, "maxErrorRate");
        if (errorRate != null && !(errorRate >= 0 && errorRate <= 1)) {
            throw new MlopsArgumentException(argument + ".maxErrorRate", "must be between 0 and 1 (a share of the"
                    + " requests), got " + errorRate);
        }
        return new LoadTestSpec(rps, duration, p99, errorRate == null ? 0.0 : errorRate);
    }

    private static Double number(String argument, Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new MlopsArgumentException(argument + "." + key, "must be a number, got '" + v + "'");
        }
    }
}
