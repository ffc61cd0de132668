package io.jenkins.plugins.mlops.core.train;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a successful training run produced. Serializable: it travels back from the agent to the controller.
 *
 * @param runId        unique id of this run (also in the container name and labels)
 * @param imageId      id ({@code sha256:...}) of the image that ran
 * @param exitCode     the training command's exit code (0)
 * @param outputDir    host directory holding everything the container wrote under its output directory
 * @param modelPath    host path of the model (file or directory) inside {@code outputDir}
 * @param metrics      metrics from the metrics file, nested keys flattened with dots ({@code eval.rmse})
 * @param params       hyperparameters the run received (epochs included)
 * @param dataDigest   sha256 over the data inputs (names and contents), null when there were none
 * @param duration     wall time from container start to exit
 */
public record TrainingResult(
        String runId,
        String imageId,
        int exitCode,
        String outputDir,
        String modelPath,
        Map<String, Double> metrics,
        Map<String, Object> params,
        String dataDigest,
        Duration duration) implements Serializable {

    public TrainingResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
