package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.validate.stats.PairedPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.Predictions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gate checks: the candidate's metrics, the baseline, and optionally per-example predictions — the
 * candidate's alone, or paired with the baseline's on the same examples — and the training history.
 */
public final class GateInputs {

    private final Map<String, Double> metrics;
    private final Baseline baseline;
    private final Predictions predictions;
    private final PairedPredictions paired;
    private final TrainingHistory history;

    private GateInputs(Builder b) {
        this.metrics = b.metrics;
        this.baseline = b.baseline;
        this.predictions = b.predictions;
        this.paired = b.paired;
        this.history = b.history;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The candidate's metrics, dotted keys for nesting; may be empty when predictions are given. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    public Baseline baseline() {
        return baseline;
    }

    /** The candidate's predictions when they are not paired (else null). */
    public Predictions predictions() {
        return paired != null ? paired.candidate() : predictions;
    }

    /** The candidate's and the baseline's predictions on the same examples, or null. */
    public PairedPredictions paired() {
        return paired;
    }

    /** The training history, or null. */
    public TrainingHistory history() {
        return history;
    }

    public static final class Builder {
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private Baseline baseline = Baseline.none("no baseline given");
        private Predictions predictions;
        private PairedPredictions paired;
        private TrainingHistory history;

        private Builder() {
        }

        public Builder metrics(Map<String, Double> m) {
            if (m != null) {
                metrics.putAll(m);
            }
            return this;
        }

        public Builder baseline(Baseline b) {
            baseline = b;
            return this;
        }

        /** The candidate's predictions; replaced by {@link #paired} when both are given. */
        public Builder predictions(Predictions p) {
            predictions = p;
            return this;
        }

        public Builder paired(PairedPredictions p) {
            paired = p;
            return this;
        }

        public Builder history(TrainingHistory h) {
            history = h;
            return this;
        }

        public GateInputs build() {
            return new GateInputs(this);
        }
    }
}
