package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.List;

/**
 * Class labels and predicted classes, one pair per example, each coded as an index into {@link #classes()}.
 * The arrays are owned by this object once passed in.
 */
public final class ClassificationPredictions implements Predictions {

    private final int[] labels;
    private final int[] predictions;
    private final List<String> classes;

    public ClassificationPredictions(int[] labels, int[] predictions, List<String> classes) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("labels and predictions differ in length: "
                    + labels.length + " vs " + predictions.length);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no examples");
        }
        this.classes = List.copyOf(classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classes.size() || predictions[i] < 0 || predictions[i] >= this.classes.size()) {
                throw new IllegalArgumentException("class index out of range at example " + i);
            }
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
        return PredictionTask.CLASSIFICATION;
    }

    /** Every class seen among labels or predictions, in order of first appearance. */
    public List<String> classes() {
        return classes;
    }

    public int label(int i) {
        return labels[i];
    }

    public int prediction(int i) {
        return predictions[i];
    }
}
