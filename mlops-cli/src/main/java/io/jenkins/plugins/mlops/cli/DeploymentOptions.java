package io.jenkins.plugins.mlops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentArguments;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadTestSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code mlops deploy} and {@code mlops rollback} share, named as mlDeploy's arguments. Smoke tests and
 * the load test are JSON objects with the step's keys: {@code --smokeTest '{"path": "/predict", "body": {"user": 1},
 * "expectField": "rating"}'}.
 */
final class DeploymentOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--name", required = true, description = "The registered model.")
    String name;
    @Option(names = "--image", description = "The serving image (or the tag for the image built from --dockerfile).")
    String image;
    @Option(names = "--dockerfile", description = "Dockerfile of the serving image, built first.")
    String dockerfile;
    @Option(names = {"--buildContext", "--build-context"}, description = "Build context directory (default: the Dockerfile's directory).")
    String buildContext;
    @Option(names = "--command", split = "\\s+", description = "Command replacing the image's CMD.")
    List<String> command;
    @Option(names = "--service", description = "The service: one stable endpoint (default: the model's name with - for _).")
    String service;
    @Option(names = "--port", description = "Port of the stable endpoint (default: the service's current one, else 8080).")
    Integer port;
    @Option(names = "--bind", description = "Address of the stable endpoint (default: 127.0.0.1).")
    String bind;
    @Option(names = {"--healthPath", "--health-path"}, description = "Path that answers 200 when a replica is ready (default: /health).")
    String healthPath;
    @Option(names = {"--healthTimeout", "--health-timeout"}, description = "How long a new replica may take to become healthy (default: 60s).")
    String healthTimeout;
    @Option(names = {"--smokeTest", "--smoke-test"}, paramLabel = "JSON",
            description = "A request every new replica must answer right, e.g. '{\"path\": \"/predict\", \"body\": {\"user\": 1}, \"expectStatus\": 200, \"expectField\": \"rating\", \"maxLatencyMs\": 200}'; repeatable.")
    List<String> smokeTests;
    @Option(names = {"--loadTest", "--load-test"}, paramLabel = "JSON",
            description = "A load test before traffic, e.g. '{\"rps\": 50, \"duration\": \"10s\", \"maxP99Ms\": 100, \"maxErrorRate\": 0}'.")
    String loadTest;
    @Option(names = "--alias", description = "Moved to the deployed version once it serves (a rollback moves it back).")
    String alias;
    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment variable for the server; repeatable.")
    List<String> env;
    @Option(names = "--cpus", description = "CPU limit per replica, e.g. 1.5.")
    Double cpus;
    @Option(names = "--memory", description = "Memory limit per replica, e.g. 2g.")
    String memory;
    @Option(names = "--gpus", description = "GPUs per replica: all, a count, or device ids such as 0,1.")
    String gpus;
    @Option(names = "--force", description = "Deploy a version whose gate did not pass; recorded in the alias and deployment history.")
    boolean force;
    @Option(names = {"--keepPrevious", "--keep-previous"}, description = "How long the replaced version stays ready for an instant rollback (default: 30m; 0 removes it).")
    String keepPrevious;
    @Option(names = "--replicas", description = "Replicas behind the endpoint (default: 1).")
    Integer replicas;
    @Option(names = "--actor", description = "Who deploys (default: $JOB_NAME #$BUILD_NUMBER, else the OS user).")
    String actor;

    DeploymentSpec spec(String version, String who) {
        return DeploymentSpec.builder()
                .name(name)
                .version(version)
                .image(image)
                .dockerfile(dockerfile)
                .buildContext(buildContext)
                .command(command)
                .service(service)
                .port(port)
                .bind(bind)
                .healthPath(healthPath)
                .healthTimeout(healthTimeout == null ? null : ArgumentParsers.duration("healthTimeout", healthTimeout))
                .smokeTests(SmokeTest.parseAll("smokeTest", objects("smokeTest", smokeTests)))
                .loadTest(loadTest == null ? null : LoadTestSpec.parse("loadTest", object("loadTest", loadTest)))
                .alias(alias)
                .env(KeyValues.strings("env", env))
                .cpus(cpus)
                .memoryBytes(memory == null ? null : ArgumentParsers.byteSize("memory", memory))
                .gpus(gpus)
                .force(force)
                .keepPrevious(keepPrevious == null ? null : DeploymentArguments.keepPrevious(keepPrevious))
                .replicas(replicas)
                .actor(who)
                .workDir(Path.of("").toAbsolutePath().toString())
                .build();
    }

    private static List<Object> objects(String option, List<String> texts) {
        List<Object> out = new ArrayList<>();
        if (texts != null) {
            for (String t : texts) {
                out.add(object(option, t));
            }
        }
        return out;
    }

    private static Map<?, ?> object(String option, String text) {
        try {
            Object v = JSON.readValue(text, Object.class);
            if (v instanceof Map<?, ?> m) {
                return m;
            }
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new MlopsArgumentException(option, "'" + text + "' is not a JSON object: " + why);
        }
        throw new MlopsArgumentException(option, "'" + text + "' must be a JSON object such as {\"path\": \"/predict\"}");
    }
}
