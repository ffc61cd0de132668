package io.jenkins.plugins.mlops.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import io.jenkins.plugins.mlops.train.TrainingAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlValidate} through its own entry points as Pipeline calls them ({@code Step.start}, then
 * {@code StepExecution.start}) with a workspace, a build, a log and an environment: passing, failing, unstable
 * gates, and every kind of baseline. The registry baselines come from a real directory registry.
 */
class MlValidateStepExecutionTest {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(1);
    private static final List<String> RULES = List.of("rmse < 0.95", "mae <= 0.75", "rmse <= baseline.rmse * 1.01");

    @TempDir
    Path workspace;

    @TempDir
    Path registryDir;

    private final CapturingListener log = new CapturingListener();
    private TestRun run = new TestRun(42);

    @Test
    void aPassingGateReturnsTheVerdictRecordsItAndPrintsTheTable() throws Throwable {
        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.91, "mae", 0.7),
                "thresholds", RULES, "baseline", Map.of("rmse", 0.93)), new EnvVars());

        assertThat(verdict).containsEntry("passed", true)
                .containsEntry("summary", "Gate PASSED: 3 of 3 rules passed")
                .containsEntry("baseline", "baseline argument")
                .containsEntry("baselineAvailable", true)
                .containsEntry("metrics", Map.of("rmse", 0.91, "mae", 0.7));
        assertThat((List<?>) verdict.get("results")).hasSize(3);
        assertThat(run.getResult()).as("a passing gate leaves the result alone").isNull();

        ValidationAction action = run.getAction(ValidationAction.class);
        assertThat(action.getRun()).isSameAs(run);
        assertThat(action.isPassed()).isTrue();
        Map<String, Object> returned = new java.util.LinkedHashMap<>(verdict);
        assertThat(returned.remove("report")).as("the archived report").isEqualTo("mlops/validate-"
                + action.getCallId() + ".html");
        assertThat(action.getVerdict().toMap()).isEqualTo(returned);
        assertThat(action.getUrlName()).startsWith("mlops-validate-42-");
        assertThat(action.getOnFailure()).isEqualTo("FAILURE");
        assertThat(log.text()).contains(
                "[mlValidate] Gate PASSED: 3 of 3 rules passed\n"
                + "[mlValidate] baseline: baseline argument\n",
                "[mlValidate] STATUS  RULE                          VALUE  THRESHOLD  BASELINE  REASON\n",
                "[mlValidate] PASSED  rmse < 0.95                   0.91   0.95       -         rmse = 0.91 < 0.95\n");
    }

    @Test
    void aFailedGateFailsTheStepWithEveryFailedRuleAndItsReason() throws Throwable {
        assertThatThrownBy(() -> validate(Map.of("metrics", Map.of("rmse", 0.97, "mae", 0.8), "thresholds", RULES,
                "baseline", Map.of("rmse", 0.93)), new EnvVars()))
                .isInstanceOf(AbortException.class)
                .hasMessage("mlValidate: Gate FAILED: 3 of 3 rules failed, 0 passed\n"
                        + "  FAILED rmse < 0.95: rmse = 0.97 is not < 0.95\n"
                        + "  FAILED mae <= 0.75: mae = 0.8 is not <= 0.75\n"
                        + "  FAILED rmse <= baseline.rmse * 1.01: rmse = 0.97 is not <= baseline.rmse * 1.01 = 0.9393");

        ValidationAction action = run.getAction(ValidationAction.class);
        assertThat(action.isPassed()).as("a failed gate is recorded too").isFalse();
        assertThat(action.getFailedCount()).isEqualTo(3);
        assertThat(log.text()).contains("[mlValidate] FAILED  mae <= 0.75");
        assertThat(run.getResult()).as("the failing step makes the build fail, as any failing step does").isNull();
    }

    @Test
    void onFailureUnstableMarksTheBuildAndGoesOn() throws Throwable {
        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.97, "mae", 0.7),
                "thresholds", RULES, "onFailure", "UNSTABLE"), new EnvVars());

        assertThat(verdict).containsEntry("passed", false)
                .containsEntry("summary", "Gate FAILED: 1 of 3 rules failed, 1 passed, 1 skipped");
        assertThat(run.getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(run.getAction(ValidationAction.class).getOnFailure()).isEqualTo("UNSTABLE");
        assertThat(log.text()).contains("[mlValidate] The gate failed; the build is marked UNSTABLE");
    }

    @Test
    void previousIsTheLastSuccessfulBuildsGate() throws Throwable {
        // #40 passed its gate with rmse 0.90; #41 failed; this is #42.
        TestRun b40 = new TestRun(40);
        TestStepContext first = new TestStepContext(workspace, b40, new CapturingListener(), new EnvVars());
        runStep(DataBinding.instantiate(MlValidateStep.class,
                Map.of("metrics", Map.of("rmse", 0.90, "mae", 0.7), "thresholds", List.of("rmse < 1"))), first);
        TestRun b41 = b40.next(Result.SUCCESS);
        run = b41.next(Result.FAILURE);

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.915, "mae", 0.7),
                "thresholds", RULES, "compareTo", "previous", "onFailure", "UNSTABLE"), new EnvVars());

        assertThat(verdict).containsEntry("passed", false).containsEntry("baseline", "build #40")
                .containsEntry("baselineMetrics", Map.of("rmse", 0.90, "mae", 0.7));
        assertThat(log.text()).contains("rmse = 0.915 is not <= baseline.rmse * 1.01 = 0.909");
    }

    @Test
    void previousFallsBackToTheTrainingAndAnUnstableBuildIsNotSuccessful() throws Throwable {
        TestRun b40 = new TestRun(40);
        TrainingSpec spec = TrainingSpec.builder().image("trainer:1").workDir("/ws").outputDir("/ws/out").build();
        b40.addAction(TrainingAction.succeeded("40-aaaaaaaa", spec, new TrainingResult("r", "sha256:i", 0, "/ws/out",
                "/ws/out/model", Map.of("rmse", 0.5), Map.of(), null, Duration.ofSeconds(1)), "out/model"));
        TestRun b41 = b40.next(Result.SUCCESS);
        b41.addAction(TrainingAction.succeeded("41-bbbbbbbb", spec, new TrainingResult("r", "sha256:i", 0, "/ws/out",
                "/ws/out/model", Map.of("rmse", 0.1), Map.of(), null, Duration.ofSeconds(1)), "out/model"));
        run = b41.next(Result.UNSTABLE);

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.45),
                "thresholds", List.of("rmse <= baseline.rmse"), "compareTo", "previous"), new EnvVars());

        assertThat(verdict).containsEntry("passed", true).containsEntry("baseline", "build #40 (training)");
    }

    @Test
    void withoutAPreviousSuccessfulBuildBaselineRulesAreSkipped() throws Throwable {
        run = new TestRun(1).next(Result.FAILURE);

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.91, "mae", 0.7),
                "thresholds", RULES, "compareTo", "previous"), new EnvVars());

        assertThat(verdict).containsEntry("passed", true).containsEntry("baselineAvailable", false)
                .containsEntry("baseline", "no previous successful build")
                .containsEntry("summary", "Gate PASSED: 2 of 3 rules passed, 1 skipped");
        assertThat(statuses(verdict)).containsExactly("PASSED", "PASSED", "SKIPPED");
        assertThat(verdict.get("notes")).isEqualTo(List.of(
                "No baseline (no previous successful build): 1 rule that compares with it was skipped"));
        assertThat(log.text()).contains("[mlValidate] baseline: none (no previous successful build)");
    }

    @Test
    void aRegistryAliasIsTheBaseline() throws Throwable {
        registerProduction(0.93);

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.95, "mae", 0.7),
                "thresholds", RULES, "compareTo", "production", "registry", registryDir.toString(),
                "onFailure", "UNSTABLE"), new EnvVars());

        assertThat(verdict).containsEntry("passed", false)
                .containsEntry("baseline", "model movie_predictor@production (v1)")
                .containsEntry("baselineMetrics", Map.of("rmse", 0.93));

        // The registry from the build's environment (withEnv), the model named with the alias.
        run = new TestRun(43);
        Map<String, Object> again = validate(Map.of("metrics", Map.of("rmse", 0.93, "mae", 0.7),
                "thresholds", RULES, "compareTo", "movie_predictor@production"),
                new EnvVars("MLOPS_REGISTRY", registryDir.toString()));
        assertThat(again).containsEntry("passed", true);
    }

    @Test
    void anAliasThatDoesNotExistYetIsAFirstDeploymentNotAnError() throws Throwable {
        registerProduction(0.93);

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.91, "mae", 0.7),
                "thresholds", RULES, "compareTo", "champion", "name", "movie_predictor"),
                new EnvVars("JENKINS_HOME", jenkinsHome()));

        assertThat(verdict).containsEntry("passed", true).containsEntry("baselineAvailable", false)
                .containsEntry("baseline", "model movie_predictor has no alias champion yet");
        assertThat(statuses(verdict)).containsExactly("PASSED", "PASSED", "SKIPPED");
    }

    @Test
    void aRegistryThatDoesNotExistIsSaidAndNotCreated() throws Throwable {
        Path typo = registryDir.resolveSibling(registryDir.getFileName() + "-typo");

        Map<String, Object> verdict = validate(Map.of("metrics", Map.of("rmse", 0.91, "mae", 0.7),
                "thresholds", RULES, "compareTo", "production", "name", "movie_predictor", "registry", typo.toString()),
                new EnvVars());
        assertThat(verdict).containsEntry("baselineAvailable", false)
                .containsEntry("baseline", "no model registry exists at " + typo + " yet");
        assertThat(log.text()).contains("[mlValidate] baseline: none (no model registry exists at " + typo + " yet)");

        assertThatThrownBy(() -> validate(Map.of("metrics", Map.of("rmse", 0.91), "thresholds", RULES,
                "compareTo", "production", "registry", typo.toString()), new EnvVars()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: cannot read the baseline compareTo 'production' names: No model"
                        + " registry exists at " + typo + ": the directory does not exist");
        assertThat(typo).as("the baseline lookup never creates a registry").doesNotExist();
    }

    @Test
    void aWorkspaceFileIsTheBaselineAndExplicitValuesOverrideIt() throws Throwable {
        Files.createDirectories(workspace.resolve("out"));
        Files.writeString(workspace.resolve("out/metrics.toml"), "rmse = 0.91\n[eval]\nmae = 0.7\n");
        Files.writeString(workspace.resolve("baseline.yaml"), "rmse: 0.85\nmae: 0.8\n");

        Map<String, Object> verdict = validate(Map.of("metricsFile", "out/metrics.toml",
                "thresholds", List.of("rmse <= baseline.rmse * 1.1", "eval.mae <= baseline.mae"),
                "compareTo", "baseline.yaml", "baseline", Map.of("mae", 0.6), "onFailure", "UNSTABLE"), new EnvVars());

        assertThat(verdict).containsEntry("baseline", "baseline.yaml + baseline argument")
                .containsEntry("baselineMetrics", Map.of("rmse", 0.85, "mae", 0.6))
                .containsEntry("metrics", Map.of("rmse", 0.91, "eval.mae", 0.7));
        assertThat(statuses(verdict)).containsExactly("PASSED", "FAILED");
    }

    @Test
    void predictionsInTheWorkspaceGiveIntervals() throws Throwable {
        StringBuilder csv = new StringBuilder("label,prediction\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 4).append(',').append(i % 4 + (i % 2 == 0 ? 0.1 : -0.1)).append('\n');
        }
        Files.writeString(workspace.resolve("predictions.csv"), csv);

        Map<String, Object> verdict = validate(Map.of("predictions", "predictions.csv", "baseline", Map.of("rmse", 0.3),
                "thresholds", List.of("significant(rmse < baseline.rmse)"), "resamples", 200), new EnvVars());

        assertThat(verdict).containsEntry("passed", true).containsEntry("predictionCount", 200)
                .containsEntry("predictionTask", "regression").containsEntry("resamples", 200);
    }

    @Test
    void aRuleWithASyntaxErrorFailsAtStartAndNothingRuns() throws Exception {
        MlValidateStep step = DataBinding.instantiate(MlValidateStep.class,
                Map.of("metrics", Map.of("rmse", 1), "thresholds", List.of("rmse << 1")));

        assertThatThrownBy(() -> step.start(new TestStepContext(workspace, run, log, new EnvVars())))
                .isInstanceOf(AbortException.class)
                .hasMessage("mlValidate: Invalid argument 'thresholds': rule 1, column 7: expected a number, a metric"
                        + " name, a function call or '(' but found '<'\n  rmse << 1\n        ^");
        assertThat(run.getActions(ValidationAction.class)).isEmpty();
        assertThat(log.text()).isEmpty();
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files).as("nothing written to the workspace").isEmpty();
        }
    }

    @Test
    void inputProblemsFoundWhileRunningNameTheArgument() throws Exception {
        assertThatThrownBy(() -> validate(Map.of("metrics", Map.of("rmse", 1), "thresholds", RULES,
                "compareTo", "baseline.json"), new EnvVars()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: Invalid argument 'compareTo': 'baseline.json' is neither"
                        + " 'previous', a file in the workspace, nor a registered model's alias, version or 'latest'");
        assertThatThrownBy(() -> validate(Map.of("metricsFile", "missing.json", "thresholds", RULES), new EnvVars()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: Invalid argument 'metricsFile': Metrics file ")
                .hasMessageEndingWith("missing.json does not exist");
        assertThatThrownBy(() -> validate(Map.of("metrics", Map.of("rmse", 1), "thresholds", RULES,
                "compareTo", "production"), new EnvVars()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlValidate: Invalid argument 'registry': none given, MLOPS_REGISTRY is not set");
        assertThat(run.getActions(ValidationAction.class)).isEmpty();
    }

    @Test
    void severalGatesInOneBuildKeepApart() throws Throwable {
        validate(Map.of("metrics", Map.of("rmse", 0.5), "thresholds", List.of("rmse < 1")), new EnvVars());
        validate(Map.of("metrics", Map.of("rmse", 0.6), "thresholds", List.of("rmse < 1")), new EnvVars());

        List<ValidationAction> actions = run.getActions(ValidationAction.class);
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).getUrlName()).isNotEqualTo(actions.get(1).getUrlName());
        assertThat(ValidationRecords.lastValidation(run)).isSameAs(actions.get(1));
    }

    private void registerProduction(double rmse) throws Exception {
        Path model = Files.createDirectories(registryDir.resolveSibling(registryDir.getFileName() + "-model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        try (EmbeddedModelRegistry r = new EmbeddedModelRegistry(registry())) {
            r.register(RegistrationRequest.builder().name("movie_predictor").modelPath(model.toString())
                    .metrics(Map.of("rmse", rmse)).gate(GateRecord.of(true, (String) null))
                    .aliases(List.of("production")).build());
        }
    }

    /** The registry the tests register into: the directory the steps are told, or JENKINS_HOME's default. */
    private Path registry() {
        return registryDir;
    }

    /** A JENKINS_HOME whose default registry ({@code mlops-registry}) is the test's registry. */
    private String jenkinsHome() throws Exception {
        Path home = Files.createDirectories(workspace.resolveSibling(workspace.getFileName() + "-home"));
        Path link = home.resolve(RegistryLocations.DEFAULT_DIRECTORY);
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, registryDir);
        }
        return home.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> statuses(Map<String, Object> verdict) {
        return ((List<Map<String, Object>>) verdict.get("results")).stream().map(r -> (String) r.get("status")).toList();
    }

    private Map<String, Object> validate(Map<String, Object> args, EnvVars env) throws Throwable {
        MlValidateStep step = DataBinding.instantiate(MlValidateStep.class, new LinkedHashMap<>(args));
        return runStep(step, new TestStepContext(workspace, run, log, env));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runStep(MlValidateStep step, TestStepContext context) throws Throwable {
        MlValidateExecution execution = (MlValidateExecution) step.start(context);
        assertThat(execution.start()).as("runs asynchronously").isFalse();
        return (Map<String, Object>) context.await(STEP_TIMEOUT);
    }
}
