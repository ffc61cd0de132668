package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.stats.Bootstrap;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionTask;
import java.io.Serializable;

/**
 * How intervals from predictions are computed: confidence level, bootstrap seed and resamples, the prediction task
 * when it cannot be told from the values, and the correction for several {@code significant()} tests. Defaults: 0.95,
 * seed 42, 1000 resamples, task from the values, no correction.
 */
public final class GateOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_CONFIDENCE = 0.95;
    public static final int MIN_RESAMPLES = 100;
    public static final int MAX_RESAMPLES = 1_000_000;

    private final double confidence;
    private final long seed;
    private final int resamples;
    private final PredictionTask task;
    private final Correction correction;
    private final int threads;

    private GateOptions(Builder b) {
        this.confidence = b.confidence;
        this.seed = b.seed;
        this.resamples = b.resamples;
        this.task = b.task;
        this.correction = b.correction;
        this.threads = b.threads;
    }

    public static GateOptions defaults() {
        return builder("").build();
    }

    /**
     * @param argumentPrefix put before each option's name in error messages: {@code ""} for the Pipeline step
     *                       ({@code confidence}), {@code "--"} for the CLI ({@code --confidence})
     */
    public static Builder builder(String argumentPrefix) {
        return new Builder(argumentPrefix);
    }

    /** Level of the intervals published as {@code <metric>.ci_low}/{@code .ci_high} and of significant() without one. */
    public double getConfidence() {
        return confidence;
    }

    public long getSeed() {
        return seed;
    }

    public int getResamples() {
        return resamples;
    }

    /** The forced task, or null to tell it from the values. */
    public PredictionTask getTask() {
        return task;
    }

    /** How the levels of several significant() tests are adjusted; {@link Correction#NONE} by default. */
    public Correction getCorrection() {
        return correction;
    }

    /** Threads for the bootstrap; results do not depend on it. */
    public int getThreads() {
        return threads;
    }

    /** Collects options; each setter ignores null (keeps the default) so a step can pass its fields straight on. */
    public static final class Builder {
        private final String prefix;
        private double confidence = DEFAULT_CONFIDENCE;
        private long seed = Bootstrap.DEFAULT_SEED;
        private int resamples = Bootstrap.DEFAULT_RESAMPLES;
        private PredictionTask task;
        private Correction correction = Correction.NONE;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(String prefix) {
            this.prefix = prefix;
        }

        /** @throws MlopsArgumentException unless strictly between 0 and 1 */
        public Builder confidence(Double v) {
            if (v != null) {
                if (!(v > 0 && v < 1)) {
                    throw new MlopsArgumentException(prefix + "confidence",
                            "must be between 0 and 1, such as 0.95 for 95%; got " + Numbers.format(v));
                }
                confidence = v;
            }
            return this;
        }

        public Builder seed(Long v) {
            if (v != null) {
                seed = v;
            }
            return this;
        }

        /** @throws MlopsArgumentException unless between {@value #MIN_RESAMPLES} and {@value #MAX_RESAMPLES} */
        public Builder resamples(Integer v) {
            if (v != null) {
                if (v < MIN_RESAMPLES || v > MAX_RESAMPLES) {
                    throw new MlopsArgumentException(prefix + "resamples", "must be between " + MIN_RESAMPLES
                            + " (fewer cannot place the tails of an interval) and " + MAX_RESAMPLES + "; got " + v);
                }
                resamples = v;
            }
            return this;
        }

        /** {@code auto} (or null), {@code regression} or {@code classification}. */
        public Builder task(String v) {
            task = PredictionTask.parse(prefix + "task", v);
            return this;
        }

        /** {@code none} (or null), {@code holm} or {@code bonferroni}. */
        public Builder correction(String v) {
            correction = Correction.parse(prefix + "correction", v);
            return this;
        }

        public Builder threads(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            threads = v;
            return this;
        }

        public GateOptions build() {
            return new GateOptions(this);
        }
    }
}
