package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.train.TrainingResult;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an evaluation container left: its metrics file (flattened, possibly empty) and the path of its
 * predictions file (null when it wrote none). Serializable: it travels from the agent to the controller.
 */
public final class EvaluationResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TrainingResult run;
    private final LinkedHashMap<String, Double> metrics;
    private final String predictionsFile;

    public EvaluationResult(TrainingResult run, Map<String, Double> metrics, String predictionsFile) {
        this.run = run;
        this.metrics = new LinkedHashMap<>(metrics);
        this.predictionsFile = predictionsFile;
    }

    /** The container run itself: run id, image id, output directory, duration. */
    public TrainingResult getRun() {
        return run;
    }

    public Map<String, Double> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** Host path of predictions.csv in the run's output directory, or null. */
    public String getPredictionsFile() {
        return predictionsFile;
    }
}
