package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import hudson.EnvVars;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.LoopbackAgent;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import io.jenkins.plugins.mlops.train.MlTrainExecution;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three steps with the workspace on an agent: every callable crosses a channel that serializes it, and every
 * result comes back through Jenkins' class filter, as on a real remote agent (where, before the plugin's jars had
 * the manifests the filter reads, mlTrain trained and then failed with {@code SecurityException: Rejected}). The
 * directory registry stays on the controller, so mlRegister streams the model's files from the agent. Real Docker
 * Engine; fails when none answers.
 */
class AgentWorkspaceIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final String IMAGE = "mlops-plugin-agent-trainer:" + UUID.randomUUID().toString().substring(0, 8);
    /** A value of the build's environment no callable reads: it must never cross to the agent. */
    private static final String UNRELATED_SECRET = "s3cr3t-" + UUID.randomUUID();

    @TempDir
    Path agentWorkspace;

    @TempDir
    Path jenkinsHome;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(new TestRun.TestJob("team", "agents"), 5);
    private final LoopbackAgent agent = new LoopbackAgent();
    private final List<String> callIds = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        agent.close();
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            for (String callId : callIds) {
                assertThat(docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(ContainerLabels.STEP_CALL, callId)).exec()).as(callId).isEmpty();
            }
            // The step tags what it builds with the image argument (the call label is on containers and volumes).
            try {
                docker.removeImageCmd(IMAGE).exec();
            } catch (NotFoundException e) {
                // this test built nothing
            }
        }
    }

    @Test
    void trainGateAndRegisterWithTheWorkspaceOnAnAgent() throws Throwable {
        Path trainer = Files.createDirectories(agentWorkspace.resolve("trainer"));
        for (String f : List.of("Dockerfile", "train.py")) {
            try (InputStream in = getClass().getResourceAsStream("/trainer/" + f)) {
                Files.copy(in, trainer.resolve(f));
            }
        }
        Files.createDirectories(agentWorkspace.resolve("data"));
        Files.writeString(agentWorkspace.resolve("data/train.csv"), "x,y\n1,2\n2,4\n3,6\n");
        FilePath workspace = agent.workspace(agentWorkspace);
        EnvVars env = new EnvVars("DOCKER_HOST", dockerHost(), "JENKINS_HOME", jenkinsHome.toString(),
                "UNRELATED_TOKEN", UNRELATED_SECRET);

        @SuppressWarnings("unchecked")
        Map<String, Object> trained = (Map<String, Object>) runStep(workspace, env, MlTrainStep.class,
                Map.of("dockerfile", "trainer/Dockerfile", "image", IMAGE, "epochs", 2,
                        "data", List.of("data/train.csv")));
        assertThat(trained.get("exitCode")).isEqualTo(0);
        assertThat(agentWorkspace.resolve((String) trained.get("model")).resolve("weights.txt")).exists();

        @SuppressWarnings("unchecked")
        Map<String, Object> verdict = (Map<String, Object>) runStep(workspace, env, MlValidateStep.class,
                Map.of("metrics", trained.get("metrics"), "thresholds", List.of("loss < 0.9")));
        assertThat(verdict.get("passed")).isEqualTo(true);

        @SuppressWarnings("unchecked")
        Map<String, Object> registered = (Map<String, Object>) runStep(workspace, env, MlRegisterStep.class,
                Map.of("name", "agent_model", "model", trained.get("model"), "aliases", List.of("candidate")));
        assertThat(registered.get("version")).isEqualTo(1);

        try (ModelRegistry registry = ModelRegistries.open(jenkinsHome.resolve("mlops-registry").toString(),
                Map.of())) {
            ModelVersion v = registry.get("agent_model", 1);
            assertThat(v.getFiles()).extracting(f -> f.getPath()).contains("weights.txt");
            assertThat(registry.aliases("agent_model")).containsEntry("candidate", 1);
        }
        // Each call's report was written on the agent and archived from there (what crosses remoting: the page).
        Map<Map<String, Object>, String> shown = Map.of(trained, "Training: ", verdict, "Quality gate passed",
                registered, "agent_model v1");
        shown.forEach((result, what) -> {
            assertThat(result.get("report")).as("report of %s; log:%n%s", result, log.text()).isNotNull();
            assertThat(run.artifacts().resolve((String) result.get("report"))).content().contains(what);
        });
        assertThat(log.text()).doesNotContain("Could not write the report", "Could not archive");
        assertThat(JenkinsXStream.create().toXML(new ArrayList<>(run.getActions())))
                .as("build.xml can be written with every action the three steps recorded")
                .contains("TrainingAction", "ValidationAction", "RegistrationAction");
        assertThat(agent.requests()).as("callables sent to the agent").isNotEmpty();
        for (byte[] request : agent.requests()) {
            assertThat(new String(request, StandardCharsets.ISO_8859_1))
                    .as("only the variables a callable reads cross to the agent").doesNotContain(UNRELATED_SECRET);
        }
    }

    private Object runStep(FilePath workspace, EnvVars env, Class<? extends Step> type, Map<String, Object> args)
            throws Throwable {
        Step step = DataBinding.instantiate(type, args);
        TestStepContext context = new TestStepContext(workspace, run, log, env);
        StepExecution execution = step.start(context);
        if (execution instanceof MlTrainExecution t) {
            callIds.add(t.getCallId());
        }
        execution.start();
        return context.await(STEP_TIMEOUT);
    }

    private static String dockerHost() {
        String host = System.getenv("DOCKER_HOST");
        return host == null ? "unix:///var/run/docker.sock" : host;
    }
}
