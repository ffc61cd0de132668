package io.jenkins.plugins.mlops.core.validate.stats;

/**
 * Numeric labels and predictions, one pair per example. The arrays are owned by this object once passed in.
 */
public final class RegressionPredictions implements Predictions {

    private final double[] labels;
    private final double[] predictions;

    public RegressionPredictions(double[] labels, double[] predictions) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("labels and predictions differ in length: "
                    + labels.length + " vs " + predictions.length);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no examples");
        }
        this.labels = labels;
        this.predictions = predictions;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public PredictionTask task() {
        return PredictionTask.REGRESSION;
    }

    public double label(int i) {
        return labels[i];
    }

    public double prediction(int i) {
        return predictions[i];
    }

    /** Examples whose label or prediction is NaN or infinite; each makes RMSE and MAE undefined. */
    public int nonFiniteCount() {
        int count = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isFinite(labels[i]) || !Double.isFinite(predictions[i])) {
                count++;
            }
        }
        return count;
    }
}
