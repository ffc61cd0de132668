package io.jenkins.plugins.mlops.core.validate;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics a candidate is compared with ({@code baseline.rmse} in a rule), and where they came from, in words, for
 * the report: "build #41", "baseline.json", "model movie-predictor@production". Absent on a first build: rules that
 * name the baseline are then skipped, and the description says why there is none.
 */
public final class Baseline implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Double> metrics;
    private final String description;

    private Baseline(LinkedHashMap<String, Double> metrics, String description) {
        this.metrics = metrics;
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A baseline with these metrics, described as {@code description} (e.g. "build #41"). */
    public static Baseline of(Map<String, Double> metrics, String description) {
        return new Baseline(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")), description);
    }

    /** No baseline; {@code reason} says why, e.g. "no previous successful build". */
    public static Baseline none(String reason) {
        return new Baseline(null, reason);
    }

    public boolean isPresent() {
        return metrics != null;
    }

    /** The baseline's metrics; empty when there is no baseline. */
    public Map<String, Double> getMetrics() {
        return metrics == null ? Map.of() : Collections.unmodifiableMap(metrics);
    }

    /** Where the metrics came from, or why there are none. */
    public String getDescription() {
        return description;
    }
}
