package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.container.ContainerSweep;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.DeployLabels;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's model served by its real serving image (movie-predictor:serve, built by scripts/docker-env.sh)
 * through the CLI, as the quick start does: train, register, {@code mlops deploy}, a real prediction through the
 * stable endpoint, {@code mlops status}, the deployment in {@code mlops models history}, a refused rollback and bad
 * input with the step's argument names and exit codes, {@code mlops undeploy}.
 */
class DeployCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RATINGS = Path.of("..", "examples", "movie-predictor", "data", "ratings.csv")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theExampleModelServesPredictionsThroughTheCli() throws Exception {
        String service = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path registry = dir.resolve("registry");
        Map<String, String> env = Map.of("JOB_NAME", "movies/main", "BUILD_NUMBER", "7");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try {
            CliRun train = CliRun.run(new TrainCommand(), Map.of(), "--image", "movie-predictor:train", "--epochs", "1",
                    "--data", RATINGS.toString(), "--memory", "1g", "--output", dir.resolve("run").toString());
            assertThat(train.code()).as(train.toString()).isZero();
            CliRun register = CliRun.run(new RegisterCommand(), env, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--run", dir.resolve("run").toString(), "--alias", "candidate",
                    "--force");
            assertThat(register.code()).as(register.toString()).isZero();

            CliRun deploy = CliRun.run(new DeployCommand(), env, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--version", "candidate", "--image", "movie-predictor:serve",
                    "--service", service, "--port", Integer.toString(port), "--force", "--alias", "production",
                    "--smokeTest", "{\"path\": \"/predict\", \"body\": {\"user\": 1, \"movie\": 10}, \"expectField\": \"rating\", \"maxLatencyMs\": 2000}",
                    "--loadTest", "rps=20,duration=1s,maxP99Ms=2000", "--json");
            assertThat(deploy.code()).as(deploy.toString()).isZero();
            JsonNode result = JSON.readTree(deploy.out());
            assertThat(result.path("version").asInt()).isEqualTo(1);
            assertThat(result.path("endpoint").asText()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(result.path("load").path("requests").asInt()).isEqualTo(20);
            assertThat(deploy.err()).contains("[mlops] Smoke test POST /predict on ");

            HttpResponse<String> prediction = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/predict")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": 1, \"movie\": 10}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(prediction.statusCode()).isEqualTo(200);
            double rating = JSON.readTree(prediction.body()).path("rating").asDouble();
            assertThat(rating).isBetween(0.5, 5.0);
            assertThat(JSON.readTree(prediction.body()).path("version").asText()).isEqualTo("1");

            CliRun status = CliRun.run(new StatusCommand(), env, "--service", service, "--json");
            assertThat(status.code()).as(status.toString()).isZero();
            JsonNode st = JSON.readTree(status.out()).get(0);
            assertThat(st.path("serving").asBoolean()).isTrue();
            assertThat(st.path("version").asInt()).isEqualTo(1);
            assertThat(st.path("deployedBy").asText()).isEqualTo("movies/main #7");

            CliRun history = CliRun.run(new ModelsCommand(), env, "history", "movie_predictor", "--registry",
                    registry.toString());
            assertThat(history.code()).as(history.toString()).isZero();
            assertThat(history.out()).contains("SERVICE").contains(service).contains("http://127.0.0.1:" + port)
                    .contains("movies/main #7").contains("succeeded");

            CliRun rollback = CliRun.run(new RollbackCommand(), env, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--service", service);
            assertThat(rollback.code()).as(rollback.toString()).isEqualTo(1);
            assertThat(rollback.err()).contains("NOTHING_TO_ROLL_BACK");

            CliRun bad = CliRun.run(new DeployCommand(), env, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--version", "1", "--image", "movie-predictor:serve",
                    "--service", "no good", "--port", Integer.toString(port));
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).contains("Invalid argument 'service'");
            CliRun badSmoke = CliRun.run(new DeployCommand(), env, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--version", "1", "--image", "movie-predictor:serve",
                    "--smokeTest", "{\"body\": 1}");
            assertThat(badSmoke.code()).isEqualTo(2);
            assertThat(badSmoke.err()).contains("Invalid argument 'smokeTest[0].path'");

            // Another machine's engine: refused before anything starts (a documentation address, never contacted).
            Map<String, String> remote = new java.util.HashMap<>(env);
            remote.put("DOCKER_HOST", "tcp://203.0.113.7:2376");
            CliRun elsewhere = CliRun.run(new DeployCommand(), remote, "--registry", registry.toString(),
                    "--name", "movie_predictor", "--version", "1", "--image", "movie-predictor:serve");
            assertThat(elsewhere.code()).as(elsewhere.toString()).isEqualTo(2);
            assertThat(elsewhere.err()).contains("Invalid argument 'DOCKER_HOST': 'tcp://203.0.113.7:2376' is another"
                    + " machine's Docker Engine");

            CliRun undeploy = CliRun.run(new UndeployCommand(), env, "--registry", registry.toString(),
                    "--service", service);
            assertThat(undeploy.code()).as(undeploy.toString()).isZero();
            assertThat(undeploy.out()).contains("removed " + service + " (it served v1)");
            try (var docker = DockerClients.connect(System.getenv())) {
                assertThat(LabelledContainers.find(docker, Map.of(DeployLabels.SERVICE, service))).isEmpty();
            }
        } finally {
            try (var docker = DockerClients.connect(System.getenv())) {
                ContainerSweep.remove(docker, DeployLabels.SERVICE, service, LogSink.DISCARD);
            }
        }
    }
}
