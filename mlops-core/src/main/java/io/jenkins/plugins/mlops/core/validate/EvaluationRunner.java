package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.LogSink;
import io.jenkins.plugins.mlops.core.train.TrainingException;
import io.jenkins.plugins.mlops.core.train.TrainingFailure;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Runs an evaluation container: the same container contract as training (docs/container-contract.md), with the
 * candidate model copied read-only to {@code /mlops/model} and the evaluation data to {@code /mlops/data}. The
 * container writes {@code metrics.json} and/or {@code predictions.csv} under {@code /mlops/output}; both come back
 * for the gate.
 */
public final class EvaluationRunner {

    /** Run name used when the caller gives none; it becomes part of the container name. */
    public static final String DEFAULT_NAME = "evaluate";

    private final DockerTrainer trainer;

    public EvaluationRunner(DockerTrainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * A spec builder pre-filled for an evaluation; add {@code workDir}, {@code outputDir}, and any limits
     * (timeout, memory, env) before {@code build()}.
     *
     * @param image   the evaluation image (or the tag to give a built Dockerfile)
     * @param command command replacing the image's CMD, or null
     * @param model   host path of the candidate model (file or directory)
     * @param data    host paths of the evaluation data, or null
     */
    public static TrainingSpec.Builder spec(String image, List<String> command, String model, List<String> data) {
        return TrainingSpec.builder().image(image).command(command).modelInput(model).data(data).name(DEFAULT_NAME);
    }

    /**
     * Runs the evaluation and collects what it wrote.
     *
     * @throws MlopsArgumentException when the spec has no model to evaluate
     * @throws TrainingException      when the container fails (exit code, OOM, timeout, ...), or wrote neither
     *                                metrics nor predictions ({@link TrainingFailure#OUTPUT_INVALID})
     * @throws InterruptedException   when the build was aborted; the container is stopped and removed
     */
    public EvaluationResult run(TrainingSpec spec, LogSink log) throws TrainingException, InterruptedException {
        if (spec.getModelInput() == null || spec.getModelInput().isBlank()) {
            throw new MlopsArgumentException("model", "an evaluation needs the candidate model to evaluate;"
                    + " it is copied to /mlops/model");
        }
        TrainingResult run = trainer.train(spec, log);
        Path predictions = Path.of(run.outputDir()).resolve(PredictionsFile.FILE_NAME);
        boolean hasPredictions = Files.isRegularFile(predictions);
        if (run.metrics().isEmpty() && !hasPredictions) {
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, "Evaluation run " + run.runId()
                    + " wrote neither metrics (/mlops/output/metrics.json) nor predictions"
                    + " (/mlops/output/predictions.csv); the gate has nothing to check");
        }
        log.info("Evaluation " + run.runId() + " wrote " + (run.metrics().isEmpty() ? "no metrics" : run.metrics().size() + " metrics")
                + (hasPredictions ? " and predictions.csv" : ""));
        return new EvaluationResult(run, run.metrics(), hasPredictions ? predictions.toString() : null);
    }
}
