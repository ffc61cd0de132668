package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate end to end on the real Docker Engine: a test image (src/test/resources/validate/evaluator, FROM
 * mlops-base:bookworm) trains a line by gradient descent and evaluates a model on held-out data, writing
 * predictions.csv and metrics.json. A model trained for 300 epochs passes; the same code with epochs 0 (an
 * untrained model) fails with the expected reasons; a corrupted model file fails the evaluation itself.
 * Fails, never skips, when no engine answers.
 */
class EvaluationGateIT {

    private static final String IMAGE = "mlops-test-evaluator:latest";
    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";
    private static final String SCENARIO = UUID.randomUUID().toString();
    private static final List<String> RULES = List.of(
            "rmse < 0.5",
            "mae <= 0.4",
            "rmse <= baseline.rmse * 1.01",
            "significant(rmse < baseline.rmse, 0.99)");

    @TempDir
    static Path work;

    private static DockerClient docker;
    private static Path goodModel;
    private static Path untrainedModel;

    @BeforeAll
    static void trainModels() throws Exception {
        docker = DockerClients.connect(System.getenv());
        writeData(work.resolve("data"));
        goodModel = train(300, "good");
        untrainedModel = train(0, "untrained");
    }

    @AfterAll
    static void nothingLeftBehind() throws Exception {
        if (docker != null) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(TEST_LABEL + "=" + SCENARIO)).exec())
                    .as("containers left by the evaluation tests").isEmpty();
            docker.close();
        }
    }

    @Test
    void goodModelPassesAndTheUntrainedOneFailsAgainstIt() throws Exception {
        EvaluationResult good = evaluate(goodModel, "eval-good");
        assertThat(good.getPredictionsFile()).endsWith("predictions.csv");
        assertThat(good.getMetrics()).containsKeys("rmse", "mae", "eval.examples");

        GateVerdict first = gate(good, Baseline.none("no previous successful build"));
        assertThat(first.isPassed()).as(first.getResults().toString()).isTrue();
        assertThat(first.getResults()).extracting(RuleResult::getStatus).containsExactly(
                RuleStatus.PASSED, RuleStatus.PASSED, RuleStatus.SKIPPED, RuleStatus.SKIPPED);
        assertThat(first.getPredictionCount()).isEqualTo(400);
        assertThat(first.getMetrics().get("rmse")).isBetween(0.15, 0.22);
        // metrics.json and predictions.csv agree, so nothing was replaced
        assertThat(first.getNotes()).noneMatch(n -> n.contains("replaces"));

        EvaluationResult untrained = evaluate(untrainedModel, "eval-untrained");
        GateVerdict broken = gate(untrained, Baseline.of(first.getMetrics(), "build #1"));
        assertThat(broken.isPassed()).isFalse();
        assertThat(broken.getSummary()).isEqualTo("Gate FAILED: 4 of 4 rules failed, 0 passed");
        List<String> reasons = broken.getResults().stream().map(RuleResult::getReason).toList();
        assertThat(reasons.get(0)).matches("rmse = 5\\.\\d+ is not < 0\\.5");
        assertThat(reasons.get(1)).matches("mae = 4\\.\\d+ is not <= 0\\.4");
        assertThat(reasons.get(2)).matches("rmse = 5\\.\\d+ is not <= baseline\\.rmse \\* 1\\.01 = 0\\.\\d+");
        assertThat(reasons.get(3)).matches("rmse = 5\\.\\d+, 99% CI \\[5\\.\\d+, 5\\.\\d+\\] does not lie entirely"
                + " < baseline\\.rmse = 0\\.\\d+: not significant at 99% \\(unpaired: the baseline's recorded value taken as"
                + " exact\\)");

        // The other way round, the trained model is a significant improvement over the untrained champion.
        GateVerdict challenger = gate(good, Baseline.of(broken.getMetrics(), "build #2"));
        assertThat(challenger.isPassed()).isTrue();
        assertThat(challenger.getResults().get(3).getReason()).contains("lies entirely < baseline.rmse = 5.");
    }

    @Test
    void corruptedModelFailsTheEvaluationWithTheContainersError() throws Exception {
        Path corrupted = Files.createDirectories(work.resolve("corrupted"));
        Files.writeString(corrupted.resolve("model.json"), "\u0000\u0001 not json");
        Log log = new Log();
        assertThatThrownBy(() -> new EvaluationRunner(docker).run(spec(corrupted, "eval-corrupted").build(), log))
                .isInstanceOfSatisfying(ContainerException.class, e -> {
                    assertThat(e.getFailure()).isEqualTo(ContainerFailure.NON_ZERO_EXIT);
                    assertThat(e.getExitCode()).isEqualTo(1);
                });
        assertThat(log.lines).anyMatch(l -> l.contains("JSONDecodeError"));
    }

    @Test
    void evaluationThatWritesNothingIsAnError() throws Exception {
        EvaluationSpec spec = spec(goodModel, "eval-silent").command(List.of("true")).build();
        assertThatThrownBy(() -> new EvaluationRunner(docker).run(spec, new Log()))
                .isInstanceOfSatisfying(ContainerException.class,
                        e -> assertThat(e.getFailure()).isEqualTo(ContainerFailure.OUTPUT_INVALID))
                .hasMessageContaining("wrote neither metrics (/mlops/output/metrics.json) nor predictions"
                        + " (/mlops/output/predictions.csv)");
    }

    @Test
    void evaluationWithoutModelFailsBeforeAnythingRuns() {
        assertThatThrownBy(() -> EvaluationSpec.builder().image(IMAGE).data(List.of("data"))
                .workDir(work.toString()).outputDir(work.resolve("never").toString()).build())
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageStartingWith("Invalid argument 'model': an evaluation needs the candidate model");
        assertThat(work.resolve("never")).doesNotExist();
    }

    private static GateVerdict gate(EvaluationResult r, Baseline baseline) throws IOException, InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", RULES), r.getMetrics(), baseline,
                Path.of(r.getPredictionsFile()), GateOptions.defaults());
    }

    private static EvaluationResult evaluate(Path model, String name) throws Exception {
        Log log = new Log();
        EvaluationResult r = new EvaluationRunner(docker).run(spec(model, name).build(), log);
        assertThat(log.lines).contains("evaluated 400 examples");
        return r;
    }

    private static EvaluationSpec.Builder spec(Path model, String name) throws URISyntaxException {
        return EvaluationSpec.builder().image(IMAGE).model(model.toString()).data(List.of("data/eval.csv"))
                .dockerfile(dockerfile().toString())
                .workDir(work.toString())
                .outputDir(work.resolve("out-" + name).toString())
                .label(TEST_LABEL, SCENARIO);
    }

    private static Path train(int epochs, String name) throws Exception {
        TrainingResult r = new DockerTrainer(docker).train(TrainingSpec.builder()
                .image(IMAGE)
                .dockerfile(dockerfile().toString())
                .command(List.of("python3", "/app/train.py"))
                .epochs(epochs)
                .data(List.of("data/train.csv"))
                .workDir(work.toString())
                .outputDir(work.resolve("train-" + name).toString())
                .label(TEST_LABEL, SCENARIO)
                .build(), new Log());
        return Path.of(r.modelPath());
    }

    private static Path dockerfile() throws URISyntaxException {
        return Path.of(EvaluationGateIT.class.getResource("/validate/evaluator/Dockerfile").toURI());
    }

    /** y = 2x + 1 plus a bounded, deterministic wiggle; eval rows are shifted so they differ from training rows. */
    private static void writeData(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int offset = 0; offset < 2; offset++) {
            StringBuilder sb = new StringBuilder("x,y\n");
            for (int i = 0; i < 400; i++) {
                double x = ((i * 7 + offset) % 400) / 100.0;
                double noise = (((i * 37 + offset * 5) % 23) - 11) / 22.0 * 0.6;
                sb.append(x).append(',').append(2 * x + 1 + noise).append('\n');
            }
            Files.writeString(dir.resolve(offset == 0 ? "train.csv" : "eval.csv"), sb);
        }
    }

    private static final class Log implements LogSink {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void line(Stream stream, String line) {
            lines.add(line);
        }

        @Override
        public void info(String message) {
            lines.add(message);
        }
    }
}
