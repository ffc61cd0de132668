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
    /** The registered model version the metrics are from, so that its files can be evaluated again; else null. */
    private final String registeredModel;
    private final Integer registeredVersion;

    private Baseline(LinkedHashMap<String, Double> metrics, String description, String registeredModel,
            Integer registeredVersion) {
        this.metrics = metrics;
        this.description = Objects.requireNonNull(description, "description");
        this.registeredModel = registeredModel;
        this.registeredVersion = registeredVersion;
    }

    /** A baseline with these metrics, described as {@code description} (e.g. "build #41"). */
    public static Baseline of(Map<String, Double> metrics, String description) {
        return new Baseline(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")), description, null, null);
    }

    /** A registered version's recorded metrics: its files can be pulled and evaluated on the candidate's data. */
    public static Baseline registered(Map<String, Double> metrics, String description, String model, int version) {
        return new Baseline(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")), description,
                Objects.requireNonNull(model, "model"), version);
    }

    /** No baseline; {@code reason} says why, e.g. "no previous successful build". */
    public static Baseline none(String reason) {
        return new Baseline(null, reason, null, null);
    }

    /** The same source with other metrics (explicit values laid over the recorded ones). */
    public Baseline withMetrics(Map<String, Double> replaced, String newDescription) {
        return new Baseline(new LinkedHashMap<>(replaced), newDescription, registeredModel, registeredVersion);
    }

    /** The registered model the metrics are from, or null when they are not a registered version's. */
    public String getRegisteredModel() {
        return registeredModel;
    }

    /** The registered version the metrics are from, or null. */
    public Integer getRegisteredVersion() {
        return registeredVersion;
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
