package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlTrain} end to end on the real Docker Engine, through the step's own entry points as Pipeline calls
 * them: {@code Step.start}, then {@code StepExecution.start}, with a workspace, build, log and environment. The
 * training image is built by the step from a Dockerfile in the workspace. Fails when no engine answers.
 */
class MlTrainStepExecutionIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    /** Unique per test run, so that images built here are this run's own. */
    private static final String IMAGE = "mlops-plugin-test-trainer:" + UUID.randomUUID().toString().substring(0, 8);

    private static DockerClient docker;

    @TempDir
    Path workspace;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(42);
    private final List<String> callIds = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
    }

    /**
     * Untags the image the tests built (the step labels containers and volumes with the call, not images), so the
     * engine keeps no image per test run; then disconnects.
     */
    @AfterAll
    static void disconnect() throws IOException {
        if (docker != null) {
            try {
                docker.removeImageCmd(IMAGE).exec();
            } catch (NotFoundException e) {
                // no test built it
            }
            docker.close();
        }
    }

    @BeforeEach
    void layOutWorkspace() throws IOException {
        Path trainer = Files.createDirectories(workspace.resolve("trainer"));
        for (String f : List.of("Dockerfile", "train.py")) {
            try (InputStream in = getClass().getResourceAsStream("/trainer/" + f)) {
                Files.copy(in, trainer.resolve(f));
            }
        }
        Path data = Files.createDirectories(workspace.resolve("data"));
        Files.writeString(data.resolve("train.csv"), "x,y\n1,2\n2,4\n3,6\n");
    }

    @Test
    void trainsReturnsTheResultAndRecordsItOnTheBuild() throws Throwable {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dockerfile", "trainer/Dockerfile");
        args.put("image", IMAGE);
        args.put("epochs", 2);
        args.put("params", Map.of("lr", 0.5));
        args.put("data", List.of("data/train.csv"));
        args.put("env", Map.of("GREETING", "hello"));
        args.put("memory", "256m");
        args.put("timeout", "5m");

        Object value = runStep(args, buildEnv());

        String callId = callIds.get(0);
        String outputDir = ".mlops/runs/" + callId;
        assertThat(callId).startsWith("42-");
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) value;
        assertThat(result).containsOnlyKeys("model", "modelPath", "metrics", "exitCode", "imageId", "duration",
                "runId", "outputDir", "params", "dataDigest", "report");
        assertThat(result.get("model")).isEqualTo(outputDir + "/model");
        // The run's report, beside its outputs and in the build's artifacts (with its stylesheet).
        assertThat(result.get("report")).isEqualTo("mlops/train-" + callId + ".html");
        assertThat(run.artifacts().resolve("mlops/train-" + callId + ".html"))
                .hasSameTextualContentAs(workspace.resolve(outputDir).resolve("report.html"));
        assertThat(run.artifacts().resolve("mlops/mlops-report.css")).isRegularFile();
        assertThat(workspace.resolve(outputDir).resolve("run.json")).isRegularFile();
        assertThat(workspace.resolve(outputDir).resolve("model/weights.txt")).hasContent("lr=0.5 epochs=2");
        assertThat(Path.of((String) result.get("modelPath")).toRealPath())
                .isEqualTo(workspace.resolve(outputDir).resolve("model").toRealPath());
        assertThat(result.get("metrics")).isEqualTo(Map.of("loss", 0.5, "rows", 3.0, "eval.acc", 0.75));
        assertThat(result.get("exitCode")).isEqualTo(0);
        assertThat((String) result.get("imageId")).startsWith("sha256:");
        assertThat((Long) result.get("duration")).isPositive();
        assertThat((String) result.get("runId")).isNotBlank();
        assertThat(result.get("outputDir")).isEqualTo(outputDir);
        assertThat(result.get("params")).isEqualTo(Map.of("lr", 0.5, "epochs", 2));
        assertThat((String) result.get("dataDigest")).isNotBlank();

        List<TrainingAction> actions = run.getActions(TrainingAction.class);
        assertThat(actions).hasSize(1);
        TrainingAction action = actions.get(0);
        assertThat(action.getRun()).isSameAs(run);
        assertThat(action.isSucceeded()).isTrue();
        assertThat(action.getCallId()).isEqualTo(callId);
        assertThat(action.getImage()).isEqualTo(IMAGE);
        assertThat(action.getImageId()).isEqualTo(result.get("imageId"));
        assertThat(action.getRunId()).isEqualTo(result.get("runId"));
        assertThat(action.getExitCode()).isEqualTo(0);
        assertThat(action.getDurationMillis()).isEqualTo(result.get("duration"));
        assertThat(action.getModel()).isEqualTo(result.get("model"));
        assertThat(action.getMetrics()).isEqualTo(result.get("metrics"));
        assertThat(action.getParams()).isEqualTo(result.get("params"));
        assertThat(action.getDataDigest()).isEqualTo(result.get("dataDigest"));

        List<String> lines = log.text().lines().toList();
        assertThat(lines).as("container output, stdout and stderr alike, verbatim")
                .contains("training on 3 rows", "epoch 1/2", "epoch 2/2", "greeting=hello");
        assertThat(lines).as("the step's own messages").anyMatch(l -> l.startsWith("[mlTrain] Training with an image"))
                .anyMatch(l -> l.startsWith("[mlTrain] Model: " + outputDir + "/model"));
        assertNothingLeftOnTheEngine(callId);
    }

    @Test
    void aFailingTrainingFailsTheStepWithTheReasonAndIsRecorded() throws Throwable {
        Map<String, Object> args = Map.of("dockerfile", "trainer/Dockerfile", "image", IMAGE,
                "command", "echo \"about to fail\" >&2; exit 3");

        assertThatThrownBy(() -> runStep(args, buildEnv()))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlTrain failed (NON_ZERO_EXIT): ")
                .hasMessageContaining("3");

        String callId = callIds.get(0);
        assertThat(log.text().lines()).contains("about to fail");
        TrainingAction action = run.getAction(TrainingAction.class);
        assertThat(action).isNotNull();
        assertThat(action.isSucceeded()).isFalse();
        assertThat(action.getFailure()).isEqualTo("NON_ZERO_EXIT");
        assertThat(action.getExitCode()).isEqualTo(3);
        assertThat(action.getCallId()).isEqualTo(callId);
        assertNothingLeftOnTheEngine(callId);
    }

    /** DOCKER_HOST set for the build (withEnv) is the engine the step talks to. */
    @Test
    void theBuildEnvironmentChoosesTheDockerEngine() throws Throwable {
        EnvVars env = new EnvVars("DOCKER_HOST", "tcp://127.0.0.1:1");

        assertThatThrownBy(() -> runStep(Map.of("image", IMAGE), env))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlTrain failed (DAEMON_UNREACHABLE): ")
                .hasMessageContaining("127.0.0.1:1");
        assertThat(run.getAction(TrainingAction.class).getFailure()).isEqualTo("DAEMON_UNREACHABLE");
    }

    @Test
    void abortingTheStepStopsAndRemovesTheContainer() throws Throwable {
        MlTrainStep step = DataBinding.instantiate(MlTrainStep.class, Map.of("dockerfile", "trainer/Dockerfile",
                "image", IMAGE, "command", "echo started; sleep 300"));
        TestStepContext context = new TestStepContext(workspace, run, log, buildEnv());
        MlTrainExecution execution = (MlTrainExecution) step.start(context);
        callIds.add(execution.getCallId());
        execution.start();
        awaitLogLine("started");
        assertThat(containers(execution.getCallId())).as("the training container is running").isNotEmpty();

        InterruptedException abort = new InterruptedException("aborted by the test");
        execution.stop(abort);

        assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isSameAs(abort);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.util.regex.Pattern said = java.util.regex.Pattern.compile(
                "\\[mlTrain\\] Training run \\S+ was aborted; its container was stopped and removed");
        while ((!containers(execution.getCallId()).isEmpty() || log.text().lines().noneMatch(l -> said.matcher(l).matches()))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertNothingLeftOnTheEngine(execution.getCallId());
        assertThat(log.text().lines()).as("the build log says what the CLI says on Ctrl-C")
                .anyMatch(l -> said.matcher(l).matches());
    }

    private Object runStep(Map<String, Object> args, EnvVars env) throws Throwable {
        MlTrainStep step = DataBinding.instantiate(MlTrainStep.class, args);
        TestStepContext context = new TestStepContext(workspace, run, log, env);
        MlTrainExecution execution = (MlTrainExecution) step.start(context);
        callIds.add(execution.getCallId());
        assertThat(execution.start()).as("runs asynchronously").isFalse();
        return context.await(STEP_TIMEOUT);
    }

    private void awaitLogLine(String line) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!log.text().lines().anyMatch(line::equals)) {
            assertThat(System.nanoTime()).as("log line '" + line + "' in:\n" + log.text()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static EnvVars buildEnv() {
        String host = System.getenv("DOCKER_HOST");
        return new EnvVars("DOCKER_HOST", host == null ? "unix:///var/run/docker.sock" : host, "PATH", "/usr/bin");
    }

    private static List<?> containers(String callId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.STEP_CALL, callId)).exec();
    }

    private static void assertNothingLeftOnTheEngine(String callId) {
        assertThat(containers(callId)).as("containers of call " + callId).isEmpty();
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(ContainerLabels.STEP_CALL + "=" + callId)).exec().getVolumes();
        assertThat(volumes == null ? List.of() : volumes).as("volumes of call " + callId).isEmpty();
    }
}
