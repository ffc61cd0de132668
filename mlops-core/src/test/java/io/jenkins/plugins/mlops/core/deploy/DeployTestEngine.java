package io.jenkins.plugins.mlops.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerSweep;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the deployment tests share: the real Docker Engine, the test model server image (built once from
 * src/test/resources/images/server), an embedded registry per scenario, and a label on everything a scenario
 * creates, so that "nothing left behind" is checked on exactly the scenario's own containers while other tests'
 * containers exist beside them.
 */
final class DeployTestEngine {

    static final String SERVER_IMAGE = TestServerImage.IMAGE;
    static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private static DockerClient client;

    private DeployTestEngine() {
    }

    static synchronized DockerClient docker() throws ContainerException {
        if (client == null) {
            client = DockerClients.connect(System.getenv());
        }
        return client;
    }

    static void buildServerImage() throws Exception {
        TestServerImage.build(docker());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One scenario: a unique label and service name, its own registry. */
    static final class Scenario implements AutoCloseable {
        final String label = UUID.randomUUID().toString();
        final String service = "t-" + label.substring(0, 8);
        final Path dir;
        final ModelRegistry registry;
        final Log log = new Log();

        Scenario(Path tempDir) throws Exception {
            buildServerImage();
            this.dir = Files.createDirectories(tempDir.resolve("s-" + label.substring(0, 8)));
            this.registry = new EmbeddedModelRegistry(dir.resolve("registry"), false, java.time.Clock.systemUTC());
        }

        /** Registers a version of {@code model} whose server behaves as {@code behaviour} says. */
        ModelVersion register(String model, String behaviourJson, Boolean gatePassed) throws Exception {
            Path m = TestServerImage.model(dir.resolve("model-" + UUID.randomUUID()), behaviourJson);
            String summary = gatePassed == null ? null : "{\"results\": [{\"rule\": \"rmse < 0.9\", \"passed\": "
                    + gatePassed + ", \"value\": " + (gatePassed ? 0.8 : 0.95) + "}]}";
            return registry.register(RegistrationRequest.builder().name(model).modelPath(m.toString())
                    .gate(GateRecord.of(gatePassed, summary)).lineage(Lineage.ofActor("test")).build());
        }

        DeploymentSpec.Builder spec(String model, String version, int port) {
            return DeploymentSpec.builder().name(model).version(version).image(SERVER_IMAGE).service(service)
                    .port(port).healthTimeout(Duration.ofSeconds(20)).actor("test #1").label(TEST_LABEL, label);
        }

        List<Container> containers() throws ContainerException {
            return LabelledContainers.find(docker(), Map.of(TEST_LABEL, label));
        }

        /** The versions the scenario's replicas serve or keep on the host. */
        List<String> versionsOnHost() throws ContainerException {
            return LabelledContainers.find(docker(), Map.of(TEST_LABEL, label, DeployLabels.ROLE,
                    DeployLabels.ROLE_REPLICA)).stream()
                    .map((Container c) -> LabelledContainers.label(c, DeployLabels.VERSION)).distinct().toList();
        }

        void assertNothingLeft() throws ContainerException {
            assertThat(containers()).as("containers left by scenario " + label).isEmpty();
        }

        @Override
        public void close() throws Exception {
            ContainerSweep.remove(docker(), TEST_LABEL, label, LogSink.DISCARD);
            registry.close();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Keeps the deployment's messages, for assertions and for the test report when something fails. */
    static final class Log implements LogSink {
        final List<String> infos = new ArrayList<>();

        @Override
        public synchronized void line(Stream stream, String line) {
            infos.add(stream + ": " + line);
        }

        @Override
        public synchronized void info(String message) {
            infos.add(message);
            System.out.println("[deploy] " + message);
        }

        synchronized List<String> infos() {
            return List.copyOf(infos);
        }
    }
}
