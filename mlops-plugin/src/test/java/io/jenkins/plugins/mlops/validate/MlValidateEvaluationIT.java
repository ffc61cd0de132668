package io.jenkins.plugins.mlops.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Image;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.LoopbackAgent;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mlValidate} with an evaluation container on the real Docker Engine: the image (built here FROM
 * mlops-base:bookworm) scores the candidate model on test data and writes predictions.csv and metrics.json; the gate
 * computes intervals from the predictions. Nothing the calls create is left on the engine. Fails, never skips, when
 * no engine answers.
 */
class MlValidateEvaluationIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final String IMAGE = "mlops-plugin-test-evaluator:" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE_LABEL = "io.jenkins.plugins.mlops.test-image";

    private static DockerClient docker;

    @TempDir
    Path workspace;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(42);
    private final List<String> callIds = new ArrayList<>();

    @BeforeAll
    static void buildEvaluationImage(@TempDir Path context) throws Exception {
        for (String f : List.of("Dockerfile", "evaluate.py")) {
            try (InputStream in = MlValidateEvaluationIT.class.getResourceAsStream("/evaluator/" + f)) {
                Files.copy(in, context.resolve(f));
            }
        }
        docker = DockerClients.connect(System.getenv());
        docker.buildImageCmd(context.toFile()).withTags(Set.of(IMAGE)).withLabels(Map.of(IMAGE_LABEL, IMAGE))
                .withPull(false).exec(new BuildImageResultCallback()).awaitImageId();
    }

    @AfterAll
    static void removeImage() throws IOException {
        if (docker == null) {
            return;
        }
        for (Image image : docker.listImagesCmd().withLabelFilter(Map.of(IMAGE_LABEL, IMAGE)).exec()) {
            docker.removeImageCmd(image.getId()).withForce(true).exec();
        }
        docker.close();
    }

    @BeforeEach
    void layOutWorkspace() throws IOException {
        Path model = Files.createDirectories(workspace.resolve(".mlops/runs/42-abcdef01/model"));
        Files.writeString(model.resolve("model.json"), "{\"a\": 2.0, \"b\": 0.1}");
        StringBuilder test = new StringBuilder("x,y\n");
        for (int i = 0; i < 120; i++) {
            test.append(i).append(',').append(2.0 * i + (i % 3 == 0 ? 0.3 : -0.1)).append('\n');
        }
        Files.writeString(Files.createDirectories(workspace.resolve("data")).resolve("test.csv"), test);
    }

    @AfterEach
    void nothingLeftOnTheEngine() {
        for (String callId : callIds) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerLabels.STEP_CALL, callId)).exec())
                    .as("containers of call " + callId).isEmpty();
            List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                    .withFilter("label", List.of(ContainerLabels.STEP_CALL + "=" + callId)).exec().getVolumes();
            assertThat(volumes == null ? List.of() : volumes).as("volumes of call " + callId).isEmpty();
        }
    }

    @Test
    void anEvaluationContainerProducesTheMetricsAndThePredictionsTheGateChecks() throws Throwable {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("image", IMAGE);
        args.put("model", ".mlops/runs/42-abcdef01/model");
        args.put("data", List.of("data/test.csv"));
        args.put("thresholds", List.of("rmse < 0.5", "eval.examples == 120", "significant(rmse < baseline.rmse)"));
        args.put("baseline", Map.of("rmse", 1.0));
        args.put("resamples", 200);

        Map<String, Object> verdict = validate(args);

        assertThat(verdict).containsEntry("passed", true).containsEntry("predictionCount", 120)
                .containsEntry("predictionTask", "regression");
        @SuppressWarnings("unchecked")
        Map<String, Double> metrics = (Map<String, Double>) verdict.get("metrics");
        assertThat(metrics).containsKeys("rmse", "rmse.ci_low", "rmse.ci_high", "mae", "eval.examples");
        // Every prediction is off by exactly 0.2 (2x + 0.1 against 2x + 0.3 or 2x - 0.1).
        assertThat(metrics.get("rmse")).isCloseTo(0.2, within(1e-9));
        assertThat(metrics.get("mae")).isCloseTo(0.2, within(1e-9));
        String outputDir = MlValidateStep.EVAL_DIR + "/" + callIds.get(0);
        assertThat(workspace.resolve(outputDir).resolve("predictions.csv")).exists();
        ValidationAction action = run.getAction(ValidationAction.class);
        assertThat(action.getImage()).isEqualTo(IMAGE);
        assertThat(action.getEvaluationOutputDir()).isEqualTo(outputDir);
        assertThat(action.getEvaluationRunId()).isNotBlank();
        assertThat(action.getEvaluationImageId()).startsWith("sha256:");
        assertThat(log.text().lines()).contains("evaluated 120 examples")
                .anyMatch(l -> l.startsWith("[mlValidate] Evaluating .mlops/runs/42-abcdef01/model with image " + IMAGE))
                .contains("[mlValidate] Gate PASSED: 3 of 3 rules passed");
    }

    /**
     * With the workspace on the controller's machine, and on an agent while the directory registry stays on the
     * controller: there the champion's files are copied to the agent first, and the comparison is paired all the
     * same.
     */
    @ParameterizedTest(name = "workspace on an agent: {0}")
    @ValueSource(booleans = {false, true})
    void aRegisteredBaselineIsEvaluatedAgainWithTheSameImageOnTheSameDataAndComparedPaired(boolean onAgent)
            throws Throwable {
        // Production: the same line with a worse offset (errors 0.2 or 0.6), recorded with an rmse of 0.9 measured
        // some other day.
        Path registry = workspace.resolve("registry");
        Path productionModel = Files.createDirectories(workspace.resolve("production-model"));
        Files.writeString(productionModel.resolve("model.json"), "{\"a\": 2.0, \"b\": 0.5}");
        try (EmbeddedModelRegistry r = new EmbeddedModelRegistry(registry)) {
            r.register(RegistrationRequest.builder().name("line").modelPath(productionModel.toString())
                    .metrics(Map.of("rmse", 0.9)).gate(GateRecord.of(true, (String) null))
                    .aliases(List.of("production")).build());
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("image", IMAGE);
        args.put("model", ".mlops/runs/42-abcdef01/model");
        args.put("data", List.of("data/test.csv"));
        args.put("compareTo", "production");
        args.put("name", "line");
        args.put("registry", registry.toString());
        args.put("thresholds", List.of("significant(rmse < baseline.rmse)", "delta.rmse.ci_high < 0"));
        args.put("correction", "holm");
        args.put("resamples", 200);

        Map<String, Object> verdict;
        try (LoopbackAgent agent = new LoopbackAgent()) {
            verdict = validate(args, onAgent ? agent.workspace(workspace) : new FilePath(workspace.toFile()));
        }

        assertThat(verdict).containsEntry("passed", true).containsEntry("comparison", "paired")
                .containsEntry("pairing", "row order").containsEntry("correction", "holm")
                .containsEntry("baseline", "model line@production (v1)");
        @SuppressWarnings("unchecked")
        Map<String, Double> baseline = (Map<String, Double>) verdict.get("baselineMetrics");
        @SuppressWarnings("unchecked")
        Map<String, Double> recorded = (Map<String, Double>) verdict.get("baselineRecordedMetrics");
        assertThat(baseline.get("rmse")).isCloseTo(Math.sqrt((40 * 0.04 + 80 * 0.36) / 120), within(1e-9));
        assertThat(recorded).containsEntry("rmse", 0.9);
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) verdict.get("notes");
        assertThat(notes).anyMatch(n -> n.startsWith("baseline.rmse from the predictions (0.503322) replaces"
                + " baseline.rmse from the baseline's recorded metrics"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) verdict.get("results");
        assertThat(results.get(0)).containsEntry("comparison", "paired");
        String outputDir = MlValidateStep.EVAL_DIR + "/" + callIds.get(0);
        assertThat(workspace.resolve(outputDir + "-baseline-model/model.json")).exists();
        assertThat(workspace.resolve(outputDir + "-baseline/predictions.csv")).exists();
        assertThat(log.text().lines()).anyMatch(l -> l.contains("Evaluating the baseline (model line v1) with the"
                + " candidate's image on the same data"));
        assertThat(log.text().contains("[mlValidate] Copied the baseline (model line v1) from the controller's"
                + " registry to ")).as("copied from the controller").isEqualTo(onAgent);
        assertThat(log.text()).doesNotContain("unpaired");
    }

    @Test
    void aFailingEvaluationFailsTheStepAndRecordsNoVerdict() throws Throwable {
        assertThatThrownBy(() -> validate(Map.of("image", IMAGE, "model", ".mlops/runs/42-abcdef01/model",
                "command", "echo cannot evaluate >&2; exit 3", "thresholds", List.of("rmse < 0.5"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: the evaluation failed (NON_ZERO_EXIT): ")
                .hasMessageContaining("3");

        assertThat(log.text().lines()).contains("cannot evaluate");
        assertThat(run.getActions(ValidationAction.class)).isEmpty();
    }

    @Test
    void predictionsFromBothTheContainerAndTheArgumentAreRefused() throws Throwable {
        Files.writeString(workspace.resolve("predictions.csv"), "label,prediction\n1,1\n");

        assertThatThrownBy(() -> validate(Map.of("image", IMAGE, "model", ".mlops/runs/42-abcdef01/model",
                "data", List.of("data/test.csv"), "predictions", "predictions.csv", "thresholds", List.of("rmse < 1"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: Invalid argument 'predictions': the evaluation container wrote its"
                        + " own predictions.csv");
    }

    /** The evaluation container is followed again after a controller restart, and the gate gets its result. */
    @Test
    void theEvaluationSurvivesAControllerRestart() throws Throwable {
        MlValidateStep step = DataBinding.instantiate(MlValidateStep.class, Map.of("image", IMAGE,
                "model", ".mlops/runs/42-abcdef01/model", "data", List.of("data/test.csv"),
                "command", "echo evaluating; sleep 2; python3 /app/evaluate.py",
                "thresholds", List.of("rmse < 0.5"), "baseline", Map.of("rmse", 1.0)));
        String host = System.getenv("DOCKER_HOST");
        TestStepContext context = new TestStepContext(workspace, run, log,
                new EnvVars("DOCKER_HOST", host == null ? "unix:///var/run/docker.sock" : host));
        MlValidateExecution execution = (MlValidateExecution) step.start(context);
        callIds.add(execution.getCallId());
        context.attach(execution);
        execution.start();
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (log.text().lines().noneMatch("evaluating"::equals)) {
            assertThat(System.nanoTime()).as(log.text()).isLessThan(deadline);
            Thread.sleep(50);
        }

        context.restartController(() -> Thread.sleep(300));

        @SuppressWarnings("unchecked")
        Map<String, Object> verdict = (Map<String, Object>) context.await(STEP_TIMEOUT);
        assertThat(verdict).containsEntry("passed", true);
        assertThat(log.text().lines().filter("evaluating"::equals)).hasSize(1);
        assertThat(log.text().lines().filter("evaluated 120 examples"::equals)).hasSize(1);
        assertThat(log.text()).contains("[mlValidate] Resumed after a controller restart: following Evaluation"
                + " container mlops-evaluate-");
        assertThat(run.getActions(ValidationAction.class)).hasSize(1);
        assertThat(context.zombies()).isEmpty();
    }

    private Map<String, Object> validate(Map<String, Object> args) throws Throwable {
        return validate(args, new FilePath(workspace.toFile()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> validate(Map<String, Object> args, FilePath ws) throws Throwable {
        MlValidateStep step = DataBinding.instantiate(MlValidateStep.class, args);
        String host = System.getenv("DOCKER_HOST");
        TestStepContext context = new TestStepContext(ws, run, log,
                new EnvVars("DOCKER_HOST", host == null ? "unix:///var/run/docker.sock" : host));
        MlValidateExecution execution = (MlValidateExecution) step.start(context);
        callIds.add(execution.getCallId());
        assertThat(execution.start()).as("runs asynchronously").isFalse();
        return (Map<String, Object>) context.await(STEP_TIMEOUT);
    }
}
