package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.deploy.DeploymentArguments;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadTestSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeTest;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code mlops deploy} and {@code mlops rollback} share, named as mlDeploy's arguments. A smoke test is
 * a JSON object with the step's keys ({@code --smokeTest '{"path": "/predict", "body": {"user": 1},
 * "expectField": "rating"}'}), the load test {@code name=value} pairs ({@code --loadTest rps=50,duration=10s}), as
 * the step's text forms.
 */
final class DeploymentOptions {

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
    @Option(names = {"--loadTest", "--load-test"}, paramLabel = "NAME=VALUE,...",
            description = "A load test before traffic, e.g. rps=50,duration=10s,maxP99Ms=100,maxErrorRate=0.")
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
    @Option(names = {"--pidsLimit", "--pids-limit"}, description = "Most processes and threads per replica (default 4096).")
    Long pidsLimit;
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
                .smokeTests(smokeTests == null ? null : SmokeTest.parseLines("smokeTest", smokeTests))
                .loadTest(loadTest == null ? null : LoadTestSpec.parse("loadTest",
                        KeyValues.typed("loadTest", KeyValues.lines(loadTest.replace(',', '\n')))))
                .alias(alias)
                .env(KeyValues.strings("env", env))
                .cpus(cpus)
                .memoryBytes(memory == null ? null : ArgumentParsers.byteSize("memory", memory))
                .gpus(gpus)
                .pidsLimit(pidsLimit)
                .force(force)
                .keepPrevious(keepPrevious == null ? null : DeploymentArguments.keepPrevious(keepPrevious))
                .replicas(replicas)
                .actor(who)
                .workDir(Path.of("").toAbsolutePath().toString())
                .build();
    }

}
