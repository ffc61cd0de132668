package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.deploy.load.RequestOutcome;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of a set of requests: how many, how many failed and why, and latency percentiles (nearest rank, over
 * every request including the failed ones, whose latency is the time to the failure).
 */
public record LoadSummary(int total, int failed, double achievedRatePerSecond, double p50Millis, double p99Millis,
                          double maxMillis, Map<String, Integer> failures) implements java.io.Serializable {

    /** At most this many distinct failure reasons are kept, each with its count. */
    static final int MAX_REASONS = 5;

    /** An unmodifiable copy of a plain map: the figures cross a Jenkins channel (Map.of would not). */
    public LoadSummary {
        failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /** The figures of {@code outcomes}, which were sent over {@code seconds}. */
    public static LoadSummary of(List<RequestOutcome> outcomes, double seconds) {
        long[] latencies = new long[outcomes.size()];
        int failed = 0;
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (int i = 0; i < latencies.length; i++) {
            RequestOutcome o = outcomes.get(i);
            latencies[i] = o.latencyNanos();
            if (!o.ok()) {
                failed++;
                if (reasons.containsKey(o.failure()) || reasons.size() < MAX_REASONS) {
                    reasons.merge(o.failure(), 1, Integer::sum);
                }
            }
        }
        Arrays.sort(latencies);
        return new LoadSummary(latencies.length, failed, seconds > 0 ? latencies.length / seconds : 0,
                percentile(latencies, 50), percentile(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6, reasons);
    }

    /** Nearest-rank percentile of sorted values, in milliseconds; 0 for no values. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** The share of failed requests, 0 when there were none at all. */
    public double errorRate() {
        return total == 0 ? 0 : (double) failed / total;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests (%.1f/s), %d failed, p50 %.2f ms, p99 %.2f ms, max %.2f ms%s",
                total, achievedRatePerSecond, failed, p50Millis, p99Millis, maxMillis,
                failures.isEmpty() ? "" : " " + failures);
    }
}
