package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.steps.ContainerStepExecution;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.TestAgent;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a controller restart, an agent that disconnects, and an abort do to a running {@code mlTrain}, on the real
 * Docker Engine: the execution is serialized while its container runs, the object is thrown away with the old
 * controller (its timer stopped, anything it still does dropped), and a deserialized copy is resumed, as Pipeline
 * resumes a build. The log must come out complete and without a repeated line, and the result must be the one the
 * step returns without a restart. Fails when no engine answers.
 */
class MlTrainRestartIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final String IMAGE = "mlops-base:bookworm";
    private static final Pattern LINE = Pattern.compile("^(out|err) (\\d+)$");

    private static DockerClient docker;

    @TempDir
    Path workspace;

    @TempDir
    Path jenkinsHome;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(new TestRun.TestJob("", "restarts-" + System.nanoTime()), 42);
    private final List<String> callIds = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
    }

    @AfterAll
    static void disconnect() throws IOException {
        docker.close();
    }

    @AfterEach
    void nothingLeftBehind() {
        System.clearProperty(ContainerStepExecution.AGENT_TIMEOUT_PROPERTY);
        for (String callId : callIds) {
            assertThat(containers(callId)).as("containers of call " + callId).isEmpty();
            assertThat(volumes(callId)).as("volumes of call " + callId).isEmpty();
        }
    }

    @Test
    void aControllerRestartWhileTrainingRunsResumesTheLogWhereItStoppedAndReturnsTheResult() throws Throwable {
        TestStepContext context = new TestStepContext(workspace, run, log, env());
        MlTrainExecution execution = start(context, training(30));
        awaitLog("out 5");

        assertThat(execution.getStatus()).as("status while it runs")
                .contains("Training container mlops-", "running for");
        assertThat(execution.blocksRestart()).as("a safe restart does not wait for training").isFalse();
        StepExecution resumed = context.restartController(() -> Thread.sleep(1000));

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await(STEP_TIMEOUT);
        assertCompleteLogOf(30);
        assertThat(log.text()).contains("[mlTrain] Resumed after a controller restart: following Training container");
        assertThat(indexOf("[mlTrain] Started container")).as("the step says it started before the container speaks")
                .isLessThan(indexOf("out 1"));
        assertTrained(result);
        assertThat(resumed.getStatus()).isNotNull();
        assertThat(context.zombies()).as("what the stopped controller still tried").isEmpty();
        assertThat(context.saves()).as("progress was saved").isPositive();
    }

    @Test
    void aContainerThatExitedWhileTheControllerWasDownIsCollected() throws Throwable {
        TestStepContext context = new TestStepContext(workspace, run, log, env());
        start(context, training(8));
        awaitLog("out 1");

        context.restartController(() -> awaitExited(callIds.get(0)));

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await(STEP_TIMEOUT);
        assertCompleteLogOf(8);
        assertTrained(result);
    }

    @Test
    void aContainerRemovedWhileTheControllerWasDownFailsTheStepWithThatReason() throws Throwable {
        TestStepContext context = new TestStepContext(workspace, run, log, env());
        start(context, Map.of("image", IMAGE, "command", "echo out 1; sleep 120"));
        awaitLog("out 1");

        context.restartController(() -> {
            for (Container c : containers(callIds.get(0))) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
        });

        assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlTrain failed (CONTAINER_GONE): Training container mlops-")
                .hasMessageContaining("no longer exists on the Docker host");
        TrainingAction action = run.getAction(TrainingAction.class);
        assertThat(action.getFailure()).isEqualTo("CONTAINER_GONE");
    }

    @Test
    void aTimeoutThatExpiredWhileTheControllerWasDownStopsTheTraining() throws Throwable {
        TestStepContext context = new TestStepContext(workspace, run, log, env());
        start(context, Map.of("image", IMAGE, "command", "echo out 1; sleep 120", "timeout", "3s"));
        awaitLog("out 1");

        context.restartController(() -> Thread.sleep(3500));

        assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlTrain failed (TIMEOUT): Training exceeded the timeout of 3.0 s and was stopped");
        assertThat(run.getAction(TrainingAction.class).getFailure()).isEqualTo("TIMEOUT");
        assertThat(log.text()).contains("[mlTrain] Run ").contains("exceeded its timeout of 3.0 s; stopping it");
    }

    @Test
    void anAbortAfterARestartStopsAndRemovesTheContainerAndSaysSoInOneLine() throws Throwable {
        TestStepContext context = new TestStepContext(workspace, run, log, env());
        start(context, Map.of("image", IMAGE, "command", "echo out 1; sleep 120"));
        awaitLog("out 1");
        StepExecution resumed = context.restartController(() -> { });
        awaitLog("[mlTrain] Resumed after a controller restart: following Training container "
                + containerName(callIds.get(0)) + " (run " + runId(callIds.get(0)) + ") from where its log stopped");

        InterruptedException abort = new InterruptedException("Aborted by the test");
        resumed.stop(abort);

        assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isSameAs(abort);
        assertThat(abort.getSuppressed()).as("nothing hangs off the abort to be printed as a trace").isEmpty();
        List<String> aborted = log.text().lines().filter(l -> l.contains("aborted")).toList();
        assertThat(aborted).containsExactly("[mlTrain] Training run " + startedRunId()
                + " was aborted; its container was stopped and removed");
        assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(containers(callIds.get(0))).isEmpty();
    }

    @Test
    void anAbortOnAnAgentStopsAndRemovesTheContainerAndSaysSoInOneLine() throws Throwable {
        try (TestAgent agent = new TestAgent("agent-1")) {
            TestStepContext context = new TestStepContext(agent, workspace, run, log, env());
            MlTrainExecution execution = start(context, Map.of("image", IMAGE, "command", "echo out 1; sleep 120"));
            awaitLog("out 1");

            InterruptedException abort = new InterruptedException("Aborted by the test");
            execution.stop(abort);

            assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isSameAs(abort);
            assertThat(abort.getSuppressed()).isEmpty();
            assertThat(log.text().lines().filter(l -> l.contains("aborted")).toList()).singleElement().asString()
                    .matches("\\[mlTrain] Training run \\S+ was aborted; its container was stopped and removed");
            assertThat(log.text()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void onAnAgentTheTrainingSurvivesAControllerRestartAndAReconnect() throws Throwable {
        try (TestAgent agent = new TestAgent("gpu-1")) {
            TestStepContext context = new TestStepContext(agent, workspace, run, log, env());
            start(context, training(40));
            awaitLog("out 5");

            context.restartController(() -> Thread.sleep(500));
            awaitLog("out 13");
            agent.disconnect();
            awaitLogContaining("[mlTrain] Cannot reach the agent or its Docker Engine");
            Thread.sleep(1000);
            agent.reconnect();

            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await(STEP_TIMEOUT);
            assertCompleteLogOf(40);
            assertThat(log.text()).contains("[mlTrain] Reached the agent again after ");
            assertTrained(result);
            assertThat(context.zombies()).isEmpty();
        }
    }

    /**
     * 7.9: the agent never comes back, so the step gives up and the container stays behind on its Docker host, with
     * labels that say whose it is; the next step call there (a later build of the job) removes it, and nothing of
     * another controller or of a build that still runs.
     */
    @Test
    void anAgentThatNeverReturnsFailsTheStepAndTheNextCallOnThatHostSweepsTheContainer() throws Throwable {
        System.setProperty(ContainerStepExecution.AGENT_TIMEOUT_PROPERTY, "2");
        String otherController = "other-controller-" + System.nanoTime();
        String foreign = createLabelled(otherController, run.getParent().getFullName(), "42");
        TestRun stillRunning = new TestRun(run.getParent(), 7);
        String own = null;
        try (TestAgent agent = new TestAgent("lost")) {
            TestStepContext context = new TestStepContext(agent, workspace, run, log, env());
            start(context, Map.of("image", IMAGE, "command", "echo out 1; sleep 120"));
            awaitLog("out 1");
            own = createLabelled(ControllerIdentityFile.read(jenkinsHome), run.getParent().getFullName(), "7");

            agent.disconnect();

            assertThatThrownBy(() -> context.await(STEP_TIMEOUT)).isInstanceOf(AbortException.class)
                    .hasMessageStartingWith("mlTrain failed (DAEMON_UNREACHABLE): The agent or its Docker Engine could"
                            + " not be reached for more than 2.0 s")
                    .hasMessageContaining("it could not be removed from here");
            assertThat(containers(callIds.get(0))).as("left behind while its agent is gone").hasSize(1);

            TestRun next = run.next(hudson.model.Result.FAILURE);
            CapturingListener nextLog = new CapturingListener();
            TestStepContext nextContext = new TestStepContext(workspace, next, nextLog, env());
            MlTrainStep step = DataBinding.instantiate(MlTrainStep.class, training(1));
            MlTrainExecution second = (MlTrainExecution) step.start(nextContext);
            callIds.add(second.getCallId());
            second.start();
            nextContext.await(STEP_TIMEOUT);

            assertThat(nextLog.text()).contains("[mlTrain] Removed 1 container(s) and volume(s) that "
                    + run.getParent().getFullName() + " #42 (no longer running) left on the Docker host");
            assertThat(docker.inspectContainerCmd(foreign).exec().getState().getRunning())
                    .as("another controller's container").isTrue();
            assertThat(docker.inspectContainerCmd(own).exec().getState().getRunning())
                    .as("a container of a build that still runs").isTrue();
            assertThat(stillRunning.isBuilding()).isTrue();
        } finally {
            docker.removeContainerCmd(foreign).withForce(true).exec();
            if (own != null) {
                docker.removeContainerCmd(own).withForce(true).exec();
            }
        }
    }

    /** A script that writes {@code n} numbered lines, every third on stderr, then a model and metrics. */
    private static Map<String, Object> training(int n) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("image", IMAGE);
        args.put("command", "i=1; while [ $i -le " + n + " ]; do if [ $((i % 3)) -eq 0 ]; then echo \"err $i\" >&2;"
                + " else echo \"out $i\"; fi; i=$((i+1)); sleep 0.1; done;"
                + " mkdir -p \"$MLOPS_MODEL_DIR\"; echo w > \"$MLOPS_MODEL_DIR/w.txt\";"
                + " echo '{\"loss\": 0.25}' > \"$MLOPS_METRICS_FILE\"");
        return args;
    }

    private MlTrainExecution start(TestStepContext context, Map<String, Object> args) throws Exception {
        MlTrainStep step = DataBinding.instantiate(MlTrainStep.class, args);
        MlTrainExecution execution = (MlTrainExecution) step.start(context);
        callIds.add(execution.getCallId());
        context.attach(execution);
        assertThat(execution.start()).isFalse();
        return execution;
    }

    private void assertTrained(Map<String, Object> result) {
        String callId = callIds.get(0);
        assertThat(result.get("exitCode")).isEqualTo(0);
        assertThat(result.get("metrics")).isEqualTo(Map.of("loss", 0.25));
        assertThat(result.get("model")).isEqualTo(".mlops/runs/" + callId + "/model");
        assertThat(workspace.resolve((String) result.get("model")).resolve("w.txt")).hasContent("w");
        List<TrainingAction> actions = run.getActions(TrainingAction.class);
        assertThat(actions).as("recorded once").hasSize(1);
        assertThat(actions.get(0).isSucceeded()).isTrue();
        assertThat(actions.get(0).getRunId()).isEqualTo(result.get("runId"));
    }

    /** Every numbered line once, stdout's in order and stderr's in order. */
    private void assertCompleteLogOf(int n) {
        List<Integer> out = new ArrayList<>();
        List<Integer> err = new ArrayList<>();
        for (String line : log.text().lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                (m.group(1).equals("out") ? out : err).add(Integer.parseInt(m.group(2)));
            }
        }
        assertThat(out).as("stdout lines in:\n" + log.text())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, n).filter(i -> i % 3 != 0).boxed().toList());
        assertThat(err).as("stderr lines in:\n" + log.text())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, n).filter(i -> i % 3 == 0).boxed().toList());
    }

    private int indexOf(String text) {
        int i = log.text().indexOf(text);
        assertThat(i).as(text + " in:\n" + log.text()).isNotNegative();
        return i;
    }

    private void awaitLog(String line) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (log.text().lines().noneMatch(line::equals)) {
            assertThat(System.nanoTime()).as("log line '" + line + "' in:\n" + log.text()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitLogContaining(String text) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!log.text().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in:\n" + log.text()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitExited(String callId) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (containers(callId).stream().anyMatch(c -> "running".equals(c.getState()))) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The run id the started container had, as the step printed it. */
    private String startedRunId() {
        Matcher m = Pattern.compile("\\[mlTrain] Started container \\S+ \\(run (\\S+)\\)").matcher(log.text());
        assertThat(m.find()).as(log.text()).isTrue();
        return m.group(1);
    }

    private static String containerName(String callId) {
        return containers(callId).get(0).getNames()[0].substring(1);
    }

    private static String runId(String callId) {
        return containers(callId).get(0).getLabels().get(ContainerLabels.RUN_ID);
    }

    /** A running container carrying the plugin's labels, as another step call would have left it. */
    private static String createLabelled(String controller, String job, String build) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        labels.put(ContainerLabels.CONTROLLER, controller);
        labels.put(ContainerLabels.JOB, job);
        labels.put(ContainerLabels.BUILD, build);
        labels.put(ContainerLabels.STEP_CALL, build + "-sweeptest-" + System.nanoTime());
        String id = docker.createContainerCmd(IMAGE).withCmd("sleep", "120").withLabels(labels)
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")
                        .withInit(true))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private EnvVars env() {
        String host = System.getenv("DOCKER_HOST");
        return new EnvVars("DOCKER_HOST", host == null ? "unix:///var/run/docker.sock" : host,
                "JENKINS_HOME", jenkinsHome.toString());
    }

    private static List<Container> containers(String callId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.STEP_CALL, callId)).exec();
    }

    private static List<InspectVolumeResponse> volumes(String callId) {
        List<InspectVolumeResponse> v = docker.listVolumesCmd()
                .withFilter("label", List.of(ContainerLabels.STEP_CALL + "=" + callId)).exec().getVolumes();
        return v == null ? List.of() : v;
    }

    /** The controller id the steps wrote into the test's Jenkins home. */
    private static final class ControllerIdentityFile {
        static String read(Path home) throws IOException {
            try (var files = Files.list(home)) {
                Path f = files.filter(p -> p.getFileName().toString().endsWith("controller-id")).findFirst()
                        .orElseThrow();
                return Files.readString(f).trim();
            }
        }
    }
}
