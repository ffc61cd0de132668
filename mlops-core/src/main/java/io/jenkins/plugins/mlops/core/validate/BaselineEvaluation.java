package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The champion re-evaluated on the candidate's data: when the gate runs an evaluation container and its baseline is
 * a registered version, that version's files are pulled from the registry and evaluated by the same image (the one
 * the candidate's evaluation ran, not a rebuild) on the same data, in the same call. Both models' per-example
 * predictions then exist for the same examples, and the gate compares them paired ({@link CandidateMetrics}).
 */
public final class BaselineEvaluation {

    /**
     * Where the baseline's files go, beside the candidate's evaluation outputs: {@code <outputDir>-baseline-model}
     * (a caller that copies them there itself, from a registry on another machine, uses the same place).
     */
    public static final String MODEL_DIR_SUFFIX = "-baseline-model";

    private BaselineEvaluation() {
    }

    /** Whether a paired re-evaluation applies: an evaluation container ran, wrote predictions, and the baseline is registered. */
    public static boolean applies(ValidationSpec spec, Baseline baseline, EvaluationResult candidate) {
        return spec.runsEvaluation() && spec.getBaselinePredictions() == null && candidate != null
                && candidate.getPredictionsFile() != null && baseline != null && baseline.getRegisteredModel() != null;
    }

    /**
     * Pulls the baseline's files next to the candidate's evaluation outputs ({@code <outputDir>-baseline-model}) and
     * evaluates them into {@code <outputDir>-baseline}.
     *
     * @param candidateSpec the candidate's evaluation as it ran (work and output directories filled in)
     * @param candidateRun  what it produced: its image is the one the baseline runs with
     * @throws MlopsArgumentException naming {@code compareTo} when the baseline's files cannot be pulled, or its
     *                                evaluation wrote no predictions
     * @throws ContainerException     when the baseline's evaluation fails: the reason says it was the baseline's
     */
    public static EvaluationResult run(EvaluationRunner runner, ValidationSpec spec, EvaluationSpec candidateSpec,
            EvaluationResult candidateRun, Baseline baseline, ModelRegistry registry, LogSink log)
            throws ContainerException, InterruptedException {
        Path modelDir = Path.of(candidateSpec.getOutputDir() + MODEL_DIR_SUFFIX);
        try {
            registry.pull(baseline.getRegisteredModel(), String.valueOf(baseline.getRegisteredVersion()), modelDir);
        } catch (IOException e) {
            throw cannotPull(spec, baseline, e);
        }
        return evaluate(runner, spec, candidateSpec, candidateRun, baseline, modelDir, log);
    }

    /** Why the baseline could not be evaluated again: its files could not be had. */
    public static MlopsArgumentException cannotPull(ValidationSpec spec, Baseline baseline, IOException e) {
        return new MlopsArgumentException(spec.getStyle().spell("compareTo"), "cannot pull the baseline ("
                + describe(baseline) + ") to evaluate it on the same data: " + e.getMessage());
    }

    /**
     * Evaluates the baseline's files, already in {@code modelDir}, into {@code <outputDir>-baseline}: as
     * {@link #run}, for a caller that copied them there.
     */
    public static EvaluationResult evaluate(EvaluationRunner runner, ValidationSpec spec, EvaluationSpec candidateSpec,
            EvaluationResult candidateRun, Baseline baseline, Path modelDir, LogSink log)
            throws ContainerException, InterruptedException {
        String which = describe(baseline);
        log.info("Evaluating the baseline (" + which + ") with the candidate's image on the same data");
        EvaluationSpec again = candidateSpec.forBaseline(candidateRun.getImageId(), modelDir.toString(),
                candidateSpec.getOutputDir() + "-baseline");
        EvaluationResult result;
        try {
            result = runner.run(again, log);
        } catch (ContainerException e) {
            throw new ContainerException(e.getFailure(), "the baseline (" + which + "), evaluated with the candidate's"
                    + " image on the same data: " + e.getMessage(), e.getExitCode(), e);
        }
        if (result.getPredictionsFile() == null) {
            throw new MlopsArgumentException(spec.getStyle().spell("compareTo"), "the baseline (" + which + "),"
                    + " evaluated with the candidate's image, wrote no predictions.csv although the candidate's"
                    + " evaluation did");
        }
        return result;
    }

    private static String describe(Baseline baseline) {
        return "model " + baseline.getRegisteredModel() + " v" + baseline.getRegisteredVersion();
    }
}
