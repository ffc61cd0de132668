package io.jenkins.plugins.mlops.core.validate.stats;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Locale;

/** What kind of model produced the predictions, which decides the metrics computed from them. */
public enum PredictionTask {
    /** Numeric labels: RMSE and MAE. */
    REGRESSION,
    /** Class names: accuracy and macro-averaged precision, recall and F1. */
    CLASSIFICATION;

    /**
     * {@code regression}, {@code classification}, or {@code auto} (returns null: numeric labels and predictions
     * mean regression, as docs/container-contract.md says). Needed for classes written as numbers, such as 0/1.
     */
    public static PredictionTask parse(String argument, String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not a task; use auto, regression or classification");
        }
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
