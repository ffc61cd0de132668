package io.jenkins.plugins.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.container.ContainerSweep;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.DeployLabels;
import io.jenkins.plugins.mlops.core.deploy.TestServerImage;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.LoopbackAgent;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlDeploy} through its own entry points as Pipeline calls them, against the real Docker Engine, HAProxy and
 * the default directory registry under JENKINS_HOME: with the workspace on the controller, and on an agent (the
 * registry stays on the controller: the version's files are pulled there and copied over, and the alias move and
 * history records come back). What is returned, what the build records, what the registry records, what a real
 * request to the endpoint answers, and a refused deployment.
 */
class MlDeployStepExecutionIT {

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final String MODEL = "step_model";

    @TempDir
    Path workspace;

    @TempDir
    Path jenkinsHome;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(new TestRun.TestJob("team", "movies"), 12);
    private final LoopbackAgent agent = new LoopbackAgent();
    private final String service = "step-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerClient docker;
    private ModelRegistry registry;
    private int port;

    @BeforeEach
    void registerVersions() throws Exception {
        docker = DockerClients.connect(System.getenv());
        TestServerImage.build(docker);
        registry = new EmbeddedModelRegistry(jenkinsHome.resolve("mlops-registry"));
        for (Boolean passed : new Boolean[] {true, true, false}) {
            Path m = TestServerImage.model(Files.createTempDirectory(workspace, "model"), "{}");
            registry.register(RegistrationRequest.builder().name(MODEL).modelPath(m.toString())
                    .gate(GateRecord.of(passed, null)).lineage(Lineage.ofActor("test")).build());
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void removeTheService() throws Exception {
        ContainerSweep.remove(docker, DeployLabels.SERVICE, service, LogSink.DISCARD);
        agent.close();
        registry.close();
        docker.close();
    }

    @Test
    void deploysOnTheControllerThenOnAnAgentAndRecordsBoth() throws Throwable {
        EnvVars env = new EnvVars("JENKINS_HOME", jenkinsHome.toString());
        Map<String, Object> args = deployArgs("1");
        args.put("healthTimeout", "20s");
        args.put("smokeTests", List.of(Map.of("path", "/predict", "body", "{\"user\": 1}", "expectField", "rating")));
        args.put("alias", "production");

        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) runStep(new FilePath(workspace.toFile()), env, args);
        assertThat(first).containsEntry("version", 1).containsEntry("endpoint", "http://127.0.0.1:" + port)
                .containsEntry("service", service).containsEntry("rollback", false);
        assertThat(first.get("previousVersion")).isNull();
        assertThat(predict()).contains("\"version\": \"1\"");

        // The same service from an agent: the controller's registry is read here and written back here.
        args.put("version", "2");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) runStep(agent.workspace(workspace), env, args);
        assertThat(second).containsEntry("version", 2).containsEntry("previousVersion", 1);
        assertThat(predict()).contains("\"version\": \"2\"");
        assertThat(workspace.resolve(MlDeployExecution.STAGING_DIR)).as("the staged files are gone")
                .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

        assertThat(registry.aliasHistory(MODEL, "production")).extracting(AliasEvent::getToVersion).containsExactly(1, 2);
        assertThat(registry.aliasHistory(MODEL, "production")).extracting(AliasEvent::getActor)
                .containsOnly("team/movies #12");
        List<DeploymentEvent> history = registry.deployments(MODEL, service);
        assertThat(history).extracting(DeploymentEvent::getVersion).containsExactly(1, 2);
        assertThat(history).extracting(DeploymentEvent::getActor).containsOnly("team/movies #12");

        List<DeploymentAction> actions = run.getActions(DeploymentAction.class);
        assertThat(actions).hasSize(2);
        assertThat(actions.get(1).getDisplayName()).isEqualTo("Deployed step_model v2 to " + service);
        assertThat(actions.get(1).getSmoke()).singleElement().satisfies(s -> assertThat(s.getStatus()).isEqualTo(200));
        assertThat(JenkinsXStream.create().toXML(new ArrayList<>(run.getActions())))
                .as("build.xml can be written with both deployments").contains("DeploymentAction");

        // A version whose gate failed is refused on the agent; the attempt is in the build and in the history.
        args.put("version", "3");
        assertThatThrownBy(() -> runStep(agent.workspace(workspace), env, args))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlDeploy failed (GATE_REFUSED): step_model v3 did not pass its quality gate");
        DeploymentAction refused = run.getActions(DeploymentAction.class).get(2);
        assertThat(refused.isSucceeded()).isFalse();
        assertThat(refused.getFailure()).isEqualTo("GATE_REFUSED");
        assertThat(registry.deployments(MODEL, service)).last()
                .satisfies(d -> assertThat(d.getOutcome()).isEqualTo(DeploymentEvent.Outcome.FAILED));
        assertThat(predict()).contains("\"version\": \"2\"");

        // Bad input fails at start, naming the argument; nothing is created.
        int before = LabelledContainers.find(docker, Map.of(DeployLabels.SERVICE, service)).size();
        EnvVars remote = new EnvVars(env);
        remote.put("DOCKER_HOST", "tcp://203.0.113.7:2376");
        assertThatThrownBy(() -> runStep(agent.workspace(workspace), remote, args))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlDeploy: Invalid argument 'DOCKER_HOST': 'tcp://203.0.113.7:2376' is another"
                        + " machine's Docker Engine");
        args.put("service", "not a service");
        assertThatThrownBy(() -> runStep(agent.workspace(workspace), env, args))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlDeploy: Invalid argument 'service'");
        assertThat(LabelledContainers.find(docker, Map.of(DeployLabels.SERVICE, service))).hasSize(before);
    }

    /**
     * keepPrevious ends on time after the build's step has returned: the replaced version's replica is removed from
     * the agent's Docker host by the controller's timer, through the agent, while the new version keeps answering.
     */
    @Test
    void theReplacedVersionIsRemovedFromTheAgentsHostWhenKeepPreviousIsOver() throws Throwable {
        EnvVars env = new EnvVars("JENKINS_HOME", jenkinsHome.toString());
        Map<String, Object> args = deployArgs("1");
        args.put("keepPrevious", "1s");
        runStep(agent.workspace(workspace), env, args);
        args.put("version", "2");
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) runStep(agent.workspace(workspace), env, args);
        assertThat(second.get("keptUntil")).isNotNull();
        assertThat(log.text()).contains("[mlDeploy] v1 stays ready for an instant rollback until " + second.get("keptUntil")
                + "; it is removed then");
        assertThat(replicaVersions()).containsExactlyInAnyOrder("1", "2");

        long deadline = System.nanoTime() + KeptVersionExpiry.MARGIN.plusSeconds(20).toNanos();
        while (replicaVersions().contains("1")) {
            assertThat(System.nanoTime()).as("v1 removed after its second and the margin").isLessThan(deadline);
            Thread.sleep(250);
        }
        assertThat(replicaVersions()).containsExactly("2");
        assertThat(predict()).contains("\"version\": \"2\"");
    }

    /** This test's model, service and port, the test server's image, and {@code version}. */
    private Map<String, Object> deployArgs(String version) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", MODEL);
        args.put("version", version);
        args.put("image", TestServerImage.IMAGE);
        args.put("service", service);
        args.put("port", port);
        return args;
    }

    private List<String> replicaVersions() throws Exception {
        return LabelledContainers.find(docker, Map.of(DeployLabels.SERVICE, service,
                DeployLabels.ROLE, DeployLabels.ROLE_REPLICA)).stream()
                .map(c -> LabelledContainers.label(c, DeployLabels.VERSION)).distinct().toList();
    }

    private Object runStep(FilePath ws, EnvVars env, Map<String, Object> args) throws Throwable {
        MlDeployStep step = DataBinding.instantiate(MlDeployStep.class, args);
        TestStepContext context = new TestStepContext(ws, run, log, env);
        step.start(context).start();
        return context.await(STEP_TIMEOUT);
    }

    private String predict() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/predict")).POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
