package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build archives is what {@code mlops report} writes: mlTrain, mlValidate and mlRegister run on the real
 * Docker Engine through the steps' own entry points (the example's training image, a directory registry), each
 * archives its report with the build's artifacts; then the packaged {@code mlops} command, run in the same
 * workspace with the build's environment, writes the report of each call's outputs (the run directory, the
 * verdict file, the registered version). The files are the same, byte for byte, stylesheet included: one piece of
 * core code writes both.
 */
class ArchivedReportsIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final String IMAGE = System.getProperty("mlops.example.image", "movie-predictor:train");

    @TempDir
    Path workspace;
    @TempDir
    Path buildDir;
    @TempDir
    Path registry;

    private final CapturingListener log = new CapturingListener();

    @Test
    void eachStepArchivesTheReportThatMlopsReportWritesFromItsOutputs() throws Throwable {
        TestRun run = new TestRun(new TestRun.TestJob("team", "movies"), 7).withRootDir(buildDir);
        Map<String, String> buildEnv = new LinkedHashMap<>();
        buildEnv.put("JOB_NAME", "team/movies");
        buildEnv.put("BUILD_NUMBER", "7");
        buildEnv.put("GIT_COMMIT", "4be3a1f0c2d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5");
        buildEnv.put("SOURCE_DATE_EPOCH", "1767225600");
        String host = System.getenv("DOCKER_HOST");
        EnvVars env = new EnvVars(buildEnv);
        env.put("DOCKER_HOST", host == null ? "unix:///var/run/docker.sock" : host);

        Map<String, Object> trained = run(MlTrainStep.class, Map.of("image", IMAGE, "epochs", 3), run, env);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) trained.get("metrics");
        Map<String, Object> gate = run(MlValidateStep.class, Map.of("metrics", metrics,
                "thresholds", List.of("rmse < 2", "mae < 2")), run, env);
        Map<String, Object> registered = run(MlRegisterStep.class, Map.of("name", "movie_predictor",
                "model", trained.get("model"), "aliases", List.of("candidate"), "registry", registry.toString()),
                run, env);

        Path artifacts = run.artifacts();
        String trainReport = (String) trained.get("report");
        String gateReport = (String) gate.get("report");
        String registerReport = (String) registered.get("report");
        assertThat(List.of(trainReport, gateReport, registerReport)).as(log.text())
                .allSatisfy(r -> assertThat(r).startsWith("mlops/").endsWith(".html"));
        assertThat(Files.readString(artifacts.resolve(trainReport))).contains("team/movies #7", "commit 4be3a1f0c2d9",
                "rmse", "Learning curves", "<svg");
        assertThat(Files.readString(artifacts.resolve(gateReport))).contains("Quality gate passed", "rmse &lt; 2");
        assertThat(Files.readString(artifacts.resolve(registerReport))).contains("movie_predictor v1", "candidate");

        String outputDir = (String) trained.get("outputDir");
        String verdict = gateVerdictFile(gateReport);
        assertSameAsCli(artifacts.resolve(trainReport), buildEnv, "--run", outputDir);
        assertSameAsCli(artifacts.resolve(gateReport), buildEnv, "--verdict", verdict);
        assertSameAsCli(artifacts.resolve(registerReport), buildEnv, "--registry", registry.toString(),
                "--model", "movie_predictor@" + registered.get("version"));
        assertThat(artifacts.resolve("mlops").resolve(ReportRenderer.STYLESHEET))
                .hasSameBinaryContentAs(workspace.resolve("cli").resolve(ReportRenderer.STYLESHEET));
    }

    /** The verdict file beside the gate's report in the workspace: the call id names both. */
    private static String gateVerdictFile(String gateReport) {
        String callId = gateReport.substring("mlops/validate-".length(), gateReport.length() - ".html".length());
        return ".mlops/eval/" + callId + "/verdict.json";
    }

    private void assertSameAsCli(Path archived, Map<String, String> env, String... input) throws Exception {
        Files.createDirectories(workspace.resolve("cli"));
        String out = "cli/" + archived.getFileName();
        String[] args = new String[input.length + 4];
        args[0] = "report";
        args[1] = "build";
        System.arraycopy(input, 0, args, 2, input.length);
        args[input.length + 2] = "-o";
        args[input.length + 3] = out;
        CliProcess cli = CliProcess.start(workspace, null, env, args);
        assertThat(cli.waitFor(60)).as(cli.err()).isZero();
        assertThat(archived).as("the archived %s and what mlops report %s writes", archived.getFileName(),
                String.join(" ", input)).hasSameTextualContentAs(workspace.resolve(out));
        assertThat(archived).hasSameBinaryContentAs(workspace.resolve(out));
    }

    /** One step call as Pipeline makes it: bound through its descriptor, started, awaited. */
    private Map<String, Object> run(Class<? extends Step> type, Map<String, Object> args, TestRun run, EnvVars env)
            throws Throwable {
        Step step = DataBinding.instantiate(type, args);
        TestStepContext context = new TestStepContext(workspace, run, log, env);
        StepExecution execution = step.start(context);
        assertThat(execution.start()).as("runs asynchronously").isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await(STEP_TIMEOUT);
        return result;
    }
}
