package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The candidate's metrics as the gate checks them, collected where the files are (the agent that holds the
 * workspace; a million-row predictions.csv never travels). Later sources override earlier ones for the same name:
 * the evaluation container's metrics.json, then the metrics file, then the given metrics; metrics computed from
 * predictions replace all of them ({@link MetricGate}, whose notes say when they differ).
 *
 * @param metrics     flattened names to values
 * @param predictions predictions.csv to compute metrics with intervals from, or null
 */
public record CandidateMetrics(Map<String, Double> metrics, Path predictions) {

    public CandidateMetrics {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * @param workDir    what the spec's relative paths are relative to (the workspace)
     * @param evaluation what the spec's evaluation container produced; null when it runs none
     * @throws MlopsArgumentException naming the argument whose file cannot be read, or {@code predictions} when
     *                                the evaluation wrote its own predictions.csv too
     */
    public static CandidateMetrics collect(ValidationSpec spec, Path workDir, EvaluationResult evaluation) {
        ArgumentStyle style = spec.getStyle();
        Map<String, Double> metrics = new LinkedHashMap<>();
        Path predictions = spec.getPredictions() == null ? null : workDir.resolve(spec.getPredictions());
        if (evaluation != null) {
            metrics.putAll(evaluation.getMetrics());
            if (evaluation.getPredictionsFile() != null) {
                if (predictions != null) {
                    throw new MlopsArgumentException(style.spell("predictions"), "the evaluation container wrote its"
                            + " own predictions.csv; give " + style.spell("predictions") + " only for an evaluation"
                            + " that writes none");
                }
                predictions = Path.of(evaluation.getPredictionsFile());
            }
        }
        if (spec.getMetricsFile() != null) {
            try {
                metrics.putAll(MetricsFiles.read(workDir.resolve(spec.getMetricsFile())));
            } catch (IOException e) {
                throw new MlopsArgumentException(style.spell("metricsFile"), e.getMessage());
            }
        }
        if (spec.getMetrics() != null) {
            metrics.putAll(spec.getMetrics());
        }
        return new CandidateMetrics(metrics, predictions);
    }

    /**
     * Evaluates the spec's rules against these metrics and {@code baseline}.
     *
     * @throws MlopsArgumentException naming {@code predictions} when the predictions file cannot be read
     * @throws InterruptedException   when the bootstrap is interrupted (the build was aborted)
     */
    public GateVerdict gate(ValidationSpec spec, Baseline baseline) throws InterruptedException {
        try {
            return MetricGate.evaluate(spec.getRules(), metrics, baseline, predictions, spec.getOptions());
        } catch (IOException e) {
            // MetricGate reads nothing but the predictions file.
            throw new MlopsArgumentException(spec.getStyle().spell("predictions"), e.getMessage());
        }
    }
}
