package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example project (examples/movie-predictor) through the whole pipeline on the real Docker Engine, with the
 * image scripts/docker-env.sh builds: train, gate with an evaluation container that scores the trained model on the
 * held-out ratings, register. A model trained for 2 epochs passes and is promoted; one trained for 0 epochs fails
 * the gate and cannot be promoted; a corrupted model cannot even be evaluated.
 */
class ExampleProjectEndToEndIT {

    /** The image scripts/docker-env.sh builds; -Dmlops.example.image=... runs the test on another build of it. */
    private static final String IMAGE = System.getProperty("mlops.example.image", "movie-predictor:train");
    private static final Path RATINGS = Path.of("..", "examples", "movie-predictor", "data", "ratings.csv")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private final List<String> runIds = new ArrayList<>();

    @Test
    void goodModelIsGatedAndPromotedWeakModelIsStoppedCorruptedModelCannotBeEvaluated() throws Exception {
        assertThat(RATINGS).as("the example's data").isRegularFile();
        Path registry = dir.resolve("registry");

        TrainingResult good = train(2, "good");
        assertThat(good.metrics().get("rmse")).isBetween(0.5, 0.9);
        assertThat(good.dataDigest()).startsWith("sha256:");
        // The training wrote its per-epoch history; the report reads it through the shared reader.
        var curves = ReportFiles.training(Path.of(good.outputDir())).curves();
        assertThat(curves.series()).containsOnlyKeys("train_rmse");
        var trainRmse = curves.series().get("train_rmse");
        assertThat(trainRmse).extracting(p -> p.step()).containsExactly(1.0, 2.0);
        assertThat(trainRmse.get(1).value()).isLessThan(trainRmse.get(0).value());
        CliRun goodGate = gate(good, "good");
        assertThat(goodGate.code()).as(goodGate.toString()).isZero();
        assertThat(goodGate.out()).contains("Gate PASSED").containsPattern("PASSED +significant\\(rmse < baseline.rmse, 0.95\\) ");
        // The evaluation container scored the model itself, so the gate's rmse is the one the training reported.
        assertThat(VerdictJson.read(dir.resolve("good.json")).getMetrics().get("rmse"))
                .isCloseTo(good.metrics().get("rmse"), org.assertj.core.data.Offset.offset(1e-9));

        // The training wrote its per-epoch history; the gate's convergence rules read it.
        Path history = Path.of(good.outputDir(), "history.csv");
        assertThat(TrainingHistory.read(history).series("train_rmse").size()).isEqualTo(2);
        CliRun converged = CliRun.run(new ValidateCommand(), Map.of(), "--history", history.toString(),
                "--threshold", "decreasing(history.train_rmse, 1)",
                "--threshold", "history.train_rmse.last < history.train_rmse.first");
        assertThat(converged.code()).as(converged.toString()).isZero();
        assertThat(converged.out()).contains("PASSED", "(training history is finite)",
                "history.train_rmse did not increase over the last 1 epoch (epoch 1 to 2: ");

        TrainingResult weak = train(0, "weak");
        CliRun weakGate = gate(weak, "weak");
        assertThat(weakGate.code()).as(weakGate.toString()).isEqualTo(1);
        assertThat(weakGate.out()).contains("Gate FAILED").containsPattern("FAILED +rmse < 0.9 ")
                .containsPattern("rmse = 1\\.05\\d* is not < 0.9");

        Path corrupted = Files.createDirectories(dir.resolve("corrupted/model"));
        Files.copy(Path.of(good.modelPath()).resolve("model.json"), corrupted.resolve("model.json"));
        Files.writeString(corrupted.resolve("weights.npz"), "these are not weights");
        CliRun corruptedGate = CliRun.run(new ValidateCommand(), Map.of(), evaluation(corrupted, "corrupted"));
        assertThat(corruptedGate.code()).as(corruptedGate.toString()).isEqualTo(2);
        assertThat(corruptedGate.err()).contains("cannot load model from /mlops/model");

        CliRun promoted = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry.toString(),
                "--name", "movie_predictor", "--run", good.outputDir(), "--verdict", dir.resolve("good.json").toString(),
                "--alias", "production");
        assertThat(promoted.code()).as(promoted.toString()).isZero();
        ModelVersion production = new EmbeddedModelRegistry(registry).resolve("movie_predictor", "production");
        assertThat(production.getVersion()).isEqualTo(1);
        assertThat(production.getGate().isPassed()).isTrue();
        assertThat(production.getLineage().getTrainingImageId()).isEqualTo(good.imageId());
        assertThat(production.getLineage().getDataDigest()).isEqualTo(good.dataDigest());
        assertThat(production.getMetrics()).containsEntry("rmse", good.metrics().get("rmse"));

        // Against production, the gate evaluates production's own files again with the same image on the same
        // ratings and compares the two models example by example (matched by the example's id column).
        CliRun same = pairedGate(Path.of(good.modelPath()), "same", registry);
        assertThat(same.code()).as("not significantly better than itself: " + same).isEqualTo(1);
        GateVerdict sameVerdict = VerdictJson.read(dir.resolve("same.json"));
        assertThat(sameVerdict.getPairing()).isEqualTo("id");
        assertThat(sameVerdict.getBaselineDescription()).isEqualTo("model movie_predictor@production (v1)");
        assertThat(sameVerdict.getResults()).extracting(RuleResult::getComparison).containsOnly("paired");
        // The recomputed baseline is the recorded one: same image, same data, same model.
        assertThat(sameVerdict.getBaselineMetrics().get("rmse")).isCloseTo(production.getMetrics().get("rmse"),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sameVerdict.getBaselineRecordedMetrics()).containsEntry("rmse", production.getMetrics().get("rmse"));
        assertThat(sameVerdict.getNotes()).noneMatch(n -> n.contains("replaces baseline.rmse"));
        // Identical predictions: within the margin on every resample, never significantly better.
        assertThat(sameVerdict.getResults()).extracting(RuleResult::getStatus)
                .containsExactly(RuleStatus.PASSED, RuleStatus.FAILED);
        assertThat(sameVerdict.getResults().get(0).getReason()).isEqualTo("rmse - (baseline.rmse + 0.01) = -0.01,"
                + " 95% CI [-0.01, -0.01] lies entirely < 0: significant at 95% (paired on "
                + sameVerdict.getPredictionCount() + " examples)");
        assertThat(dir.resolve("eval-same-baseline-model/model.json")).isRegularFile();

        CliRun weakPaired = pairedGate(Path.of(weak.modelPath()), "weak-paired", registry);
        assertThat(weakPaired.code()).as(weakPaired.toString()).isEqualTo(1);
        assertThat(weakPaired.out()).containsPattern("FAILED +significant\\(rmse < baseline.rmse \\+ 0.01\\) ")
                .contains("does not lie entirely < 0: not significant at 95% (paired on");

        CliRun refused = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry.toString(),
                "--name", "movie_predictor", "--run", weak.outputDir(), "--verdict", dir.resolve("weak.json").toString(),
                "--alias", "production");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("did not pass its quality gate");
        assertThat(new EmbeddedModelRegistry(registry).versions("movie_predictor")).hasSize(1);

        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            for (String runId : runIds) {
                assertThat(docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(List.of(ContainerLabels.filter(ContainerLabels.RUN_ID, runId))).exec())
                        .as("containers of run " + runId).isEmpty();
            }
        }
    }

    private TrainingResult train(int epochs, String name) throws Exception {
        Path out = dir.resolve(name);
        CliRun run = CliRun.run(new TrainCommand(), Map.of(), "--image", IMAGE, "--epochs", String.valueOf(epochs),
                "--data", RATINGS.toString(), "--memory", "1g", "--timeout", "5m", "--output", out.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("reading /mlops/data/ratings.csv", "held-out ratings");
        if (epochs > 0) {
            assertThat(run.out()).contains("epoch " + epochs + "/" + epochs + ": train_rmse=");
        }
        TrainingResult result = TrainingRecord.read(out);
        runIds.add(result.runId());
        return result;
    }

    private CliRun gate(TrainingResult trained, String name) {
        return CliRun.run(new ValidateCommand(), Map.of(), evaluation(Path.of(trained.modelPath()), name));
    }

    /** The example's own `evaluate` command, against production evaluated again on the same data. */
    private CliRun pairedGate(Path model, String name, Path registry) {
        return CliRun.run(new ValidateCommand(), Map.of(), "--image", IMAGE, "--command", "python3 src/main.py evaluate",
                "--model", model.toString(), "--data", RATINGS.toString(),
                "--output", dir.resolve("eval-" + name).toString(),
                "--compare-to", "production", "--registry", registry.toString(), "--name", "movie_predictor",
                "--threshold", "significant(rmse < baseline.rmse + 0.01)",
                "--threshold", "significant(rmse < baseline.rmse)",
                "--verdict-out", dir.resolve(name + ".json").toString());
    }

    /** The example's own `evaluate` command in an evaluation container, against a baseline of the mean predictor. */
    private String[] evaluation(Path model, String name) {
        return new String[] {
            "--image", IMAGE, "--command", "python3 src/main.py evaluate",
            "--model", model.toString(), "--data", RATINGS.toString(),
            "--output", dir.resolve("eval-" + name).toString(),
            "--threshold", "rmse < 0.9", "--threshold", "mae < 0.75",
            "--threshold", "significant(rmse < baseline.rmse, 0.95)",
            "--baseline", "rmse=1.05", "--baseline", "mae=0.86",
            "--verdict-out", dir.resolve(name + ".json").toString()};
    }
}
