package io.jenkins.plugins.mlops.core.validate.stats;

/**
 * Per-example results of an evaluation, held in primitive arrays so that a million rows cost megabytes, not
 * hundreds of megabytes of boxed values.
 */
public sealed interface Predictions permits RegressionPredictions, ClassificationPredictions {

    /** Number of examples. */
    int size();

    PredictionTask task();
}
