package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.train.TrainingResult;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training of a build as the report shows it: what ran (image, parameters), how long, how it ended, its final
 * metrics and its learning curves. A failed training has no metrics but says why.
 */
public final class TrainingSection {

    private final String title;
    private final String image;
    private final String dockerfile;
    private final String imageId;
    private final String runId;
    private final String model;
    private final String dataDigest;
    private final Integer exitCode;
    private final Duration duration;
    private final Map<String, Object> params;
    private final Map<String, Double> metrics;
    private final LearningCurves curves;
    private final String curvesNote;
    private final String failure;
    private final String failureMessage;

    private TrainingSection(Builder b) {
        this.title = b.title;
        this.image = b.image;
        this.dockerfile = b.dockerfile;
        this.imageId = b.imageId;
        this.runId = b.runId;
        this.model = b.model;
        this.dataDigest = b.dataDigest;
        this.exitCode = b.exitCode;
        this.duration = b.duration;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        this.curves = b.curves == null ? LearningCurves.none() : b.curves;
        this.curvesNote = b.curvesNote;
        this.failure = b.failure;
        this.failureMessage = b.failureMessage;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A successful run as the training engine returned it (or as {@code run.json} recorded it). */
    public static Builder of(TrainingResult r) {
        return builder().imageId(r.imageId()).runId(r.runId()).model(r.modelPath()).dataDigest(r.dataDigest())
                .exitCode(r.exitCode()).duration(r.duration()).params(r.params()).metrics(r.metrics());
    }

    /** The run's name, else what it ran. */
    public String title() {
        if (title != null) {
            return title;
        }
        if (image != null) {
            return image;
        }
        return dockerfile != null ? "built from " + dockerfile : "Training";
    }

    public String image() { return image; }
    public String dockerfile() { return dockerfile; }
    public String imageId() { return imageId; }
    public String runId() { return runId; }
    public String model() { return model; }
    public String dataDigest() { return dataDigest; }
    public Integer exitCode() { return exitCode; }
    public Duration duration() { return duration; }
    public Map<String, Object> params() { return params; }
    public Map<String, Double> metrics() { return metrics; }
    public LearningCurves curves() { return curves; }
    /** Why there are no curves although the training wrote a history (it could not be read), or null. */
    public String curvesNote() { return curvesNote; }
    /** The failure's kind (the engine's {@code TrainingFailure} name); null when the run succeeded. */
    public String failure() { return failure; }
    public String failureMessage() { return failureMessage; }

    public boolean succeeded() {
        return failure == null;
    }

    /** Collects the fields; everything is optional. */
    public static final class Builder {
        private String title;
        private String image;
        private String dockerfile;
        private String imageId;
        private String runId;
        private String model;
        private String dataDigest;
        private Integer exitCode;
        private Duration duration;
        private Map<String, Object> params = Map.of();
        private Map<String, Double> metrics = Map.of();
        private LearningCurves curves;
        private String curvesNote;
        private String failure;
        private String failureMessage;

        private Builder() {
        }

        public Builder title(String v) { this.title = v; return this; }
        public Builder image(String v) { this.image = v; return this; }
        public Builder dockerfile(String v) { this.dockerfile = v; return this; }
        public Builder imageId(String v) { this.imageId = v; return this; }
        public Builder runId(String v) { this.runId = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder dataDigest(String v) { this.dataDigest = v; return this; }
        public Builder exitCode(Integer v) { this.exitCode = v; return this; }
        public Builder duration(Duration v) { this.duration = v; return this; }
        public Builder params(Map<String, Object> v) { this.params = v == null ? Map.of() : v; return this; }
        public Builder metrics(Map<String, Double> v) { this.metrics = v == null ? Map.of() : v; return this; }
        public Builder curves(LearningCurves v) { this.curves = v; return this; }
        public Builder curvesNote(String v) { this.curvesNote = v; return this; }

        /** A run that did not succeed: the failure's kind and the message the step printed. */
        public Builder failed(String kind, String message) {
            this.failure = kind;
            this.failureMessage = message;
            return this;
        }

        public TrainingSection build() {
            return new TrainingSection(this);
        }
    }
}
