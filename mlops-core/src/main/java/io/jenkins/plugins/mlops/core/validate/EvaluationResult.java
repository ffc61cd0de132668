package io.jenkins.plugins.mlops.core.validate;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an evaluation container left: its metrics file (flattened, possibly empty) and the path of its
 * predictions file (null when it wrote none), with the run that produced them. Serializable: it travels from the
 * agent to the controller.
 */
public final class EvaluationResult implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String runId;
    private final String imageId;
    private final String outputDir;
    private final Duration duration;
    private final LinkedHashMap<String, Double> metrics;
    private final String predictionsFile;

    public EvaluationResult(String runId, String imageId, String outputDir, Duration duration,
                            Map<String, Double> metrics, String predictionsFile) {
        this.runId = runId;
        this.imageId = imageId;
        this.outputDir = outputDir;
        this.duration = duration;
        this.metrics = new LinkedHashMap<>(metrics);
        this.predictionsFile = predictionsFile;
    }

    public String getRunId() {
        return runId;
    }

    /** Id ({@code sha256:...}) of the evaluation image that ran. */
    public String getImageId() {
        return imageId;
    }

    /** Host directory holding everything the container wrote under {@code /mlops/output}. */
    public String getOutputDir() {
        return outputDir;
    }

    public Duration getDuration() {
        return duration;
    }

    public Map<String, Double> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** Host path of predictions.csv in the run's output directory, or null. */
    public String getPredictionsFile() {
        return predictionsFile;
    }
}
