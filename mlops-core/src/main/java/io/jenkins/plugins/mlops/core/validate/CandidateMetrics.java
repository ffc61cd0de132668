package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionsFile;
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
 * @param metrics             flattened names to values
 * @param predictions         predictions.csv to compute metrics with intervals from, or null
 * @param baselinePredictions the baseline's predictions.csv for the same examples (the gate then compares paired), or
 *                            null
 * @param history             the training's history.csv, or null
 */
public record CandidateMetrics(Map<String, Double> metrics, Path predictions, Path baselinePredictions, Path history) {

    public CandidateMetrics {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** {@link #collect(ValidationSpec, Path, EvaluationResult, EvaluationResult)} without a baseline evaluation. */
    public static CandidateMetrics collect(ValidationSpec spec, Path workDir, EvaluationResult evaluation) {
        return collect(spec, workDir, evaluation, null);
    }

    /**
     * @param workDir            what the spec's relative paths are relative to (the workspace)
     * @param evaluation         what the spec's evaluation container produced; null when it runs none
     * @param baselineEvaluation the baseline re-evaluated by the same container ({@link BaselineEvaluation}); null when
     *                           there was none
     * @throws MlopsArgumentException naming the argument whose file cannot be read, or {@code predictions} when
     *                                the evaluation wrote its own predictions.csv too
     */
    public static CandidateMetrics collect(ValidationSpec spec, Path workDir, EvaluationResult evaluation,
            EvaluationResult baselineEvaluation) {
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
        Path baselinePredictions = spec.getBaselinePredictions() != null
                ? workDir.resolve(spec.getBaselinePredictions())
                : baselineEvaluation == null ? null : Path.of(baselineEvaluation.getPredictionsFile());
        Path history = spec.getHistory() == null ? null : workDir.resolve(spec.getHistory());
        return new CandidateMetrics(metrics, predictions, baselinePredictions, history);
    }

    /**
     * Evaluates the spec's rules against these metrics and {@code baseline}: paired when the baseline's predictions
     * are there.
     *
     * @throws MlopsArgumentException naming the argument whose file cannot be read or paired
     * @throws InterruptedException   when the bootstrap is interrupted (the build was aborted)
     */
    public GateVerdict gate(ValidationSpec spec, Baseline baseline) throws InterruptedException {
        ArgumentStyle style = spec.getStyle();
        GateInputs.Builder inputs = GateInputs.builder().metrics(metrics).baseline(baseline);
        if (history != null) {
            try {
                inputs.history(TrainingHistory.read(history));
            } catch (IOException e) {
                throw new MlopsArgumentException(style.spell("history"), e.getMessage());
            }
        }
        if (predictions != null) {
            try {
                if (baselinePredictions != null) {
                    inputs.paired(PredictionsFile.readPaired(predictions, baselinePredictions, spec.getOptions().getTask()));
                } else {
                    inputs.predictions(PredictionsFile.read(predictions, spec.getOptions().getTask()));
                }
            } catch (IOException e) {
                String argument = baselinePredictions == null ? "predictions"
                        : spec.getBaselinePredictions() != null ? "baselinePredictions" : "compareTo";
                throw new MlopsArgumentException(style.spell(argument), e.getMessage());
            }
        }
        return MetricGate.evaluate(spec.getRules(), inputs.build(), spec.getOptions());
    }
}
