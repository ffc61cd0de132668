package io.jenkins.plugins.mlops.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** mlDeploy's arguments: defaults, and every wrong one named with what is wrong, before anything runs. */
class DeploymentArgumentsTest {

    private static DeploymentSpec.Builder minimal() {
        return DeploymentSpec.builder().name("movie_predictor").version("candidate").image("movie-predictor:serve");
    }

    @Test
    void theMinimalCallWorksWithDefaults() {
        DeploymentSpec s = minimal().build();
        assertThat(s.getService()).isEqualTo("movie-predictor");
        assertThat(s.getPort()).isNull();
        assertThat(s.getBind()).isEqualTo("127.0.0.1");
        assertThat(s.getHealthPath()).isEqualTo("/health");
        assertThat(s.getHealthTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.getKeepPrevious()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.getReplicas()).isEqualTo(1);
        assertThat(s.getSmokeTests()).isEmpty();
        assertThat(s.isRollback()).isFalse();
        assertThat(DeploymentSpec.builder().name("m").version("previous").build().isRollback()).isTrue();
    }

    @Test
    void eachWrongArgumentIsNamed() {
        wrong(() -> minimal().pidsLimit(1L).build(), "pidsLimit", "must be at least 2");
        wrong(() -> minimal().name("Movie Predictor").build(), "name", "not a valid model name");
        wrong(() -> minimal().version(null).build(), "version", "give the version to deploy");
        wrong(() -> minimal().version("v0").build(), "version", "versions start at 1");
        wrong(() -> minimal().version("no good").build(), "version", "neither a version");
        wrong(() -> minimal().image(null).build(), "image", "give an image to run, or a dockerfile");
        wrong(() -> minimal().service("-x").build(), "service", "not a valid service name");
        wrong(() -> minimal().service("a/b").build(), "service", "names containers");
        wrong(() -> minimal().port(0).build(), "port", "from 1 to 65535");
        wrong(() -> minimal().port(70000).build(), "port", "from 1 to 65535");
        wrong(() -> minimal().bind("localhost").build(), "bind", "must be an IP address");
        wrong(() -> minimal().healthPath("health").build(), "healthPath", "must start with /");
        wrong(() -> minimal().healthTimeout(Duration.ZERO).build(), "healthTimeout", "longer than zero");
        wrong(() -> minimal().alias("v2").build(), "alias", "cannot be an alias");
        wrong(() -> minimal().env(Map.of("MLOPS_PORT", "1")).build(), "env", "is set by mlDeploy");
        wrong(() -> minimal().env(Map.of("1X", "1")).build(), "env", "not a valid variable name");
        wrong(() -> minimal().cpus(0.0).build(), "cpus", "positive number");
        wrong(() -> minimal().memoryBytes(1024L).build(), "memory", "at least 6m");
        wrong(() -> minimal().gpus("many").build(), "gpus", "'all', a count");
        wrong(() -> minimal().replicas(0).build(), "replicas", "from 1 to 16");
        wrong(() -> minimal().command(List.of()).build(), "command", "must not be empty");
        wrong(() -> DeploymentArguments.keepPrevious("soon"), "keepPrevious", "not a duration");
    }

    @Test
    void keepPreviousZeroMeansRemoveAtOnce() {
        assertThat(DeploymentArguments.keepPrevious("0")).isZero();
        assertThat(DeploymentArguments.keepPrevious("0s")).isZero();
        assertThat(DeploymentArguments.keepPrevious("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DeploymentArguments.requireBind("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(DeploymentArguments.requireBind("::1")).isEqualTo("::1");
        assertThat(DeploymentSpec.endpoint("0.0.0.0", 8080)).isEqualTo("http://127.0.0.1:8080");
        assertThat(DeploymentSpec.endpoint("::1", 8080)).isEqualTo("http://[::1]:8080");
    }

    @Test
    void smokeTestsAndLoadTestsAreReadFromTheMapsAPipelineGives() {
        List<SmokeTest> tests = SmokeTest.parseAll("smokeTests", List.of(
                Map.of("path", "/predict", "body", Map.of("user", 1), "expectStatus", 200, "expectField", "rating",
                        "maxLatencyMs", 200),
                Map.of("path", "/health", "expectBody", "ready")));
        assertThat(tests.get(0)).isEqualTo(new SmokeTest("/predict", "POST", "{\"user\":1}", "application/json", 200,
                "rating", null, 200.0));
        assertThat(tests.get(1).method()).isEqualTo("GET");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "expectStatus", 99))),
                "smokeTests[0].expectStatus", "HTTP status");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "expectStatus", "ok"))),
                "smokeTests[0].expectStatus", "whole number");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "method", "GET", "body", "{}"))),
                "smokeTests[0].body", "has no body");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p q"))), "smokeTests[0].path",
                "no spaces");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "maxLatencyMs", -1))),
                "smokeTests[0].maxLatencyMs", "more than 0");
        wrong(() -> SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/p", "expectField", "a..b"))),
                "smokeTests[0].expectField", "dotted");

        LoadTestSpec load = LoadTestSpec.parse("loadTest", Map.of("rps", 50, "duration", "10s", "maxP99Ms", 100,
                "maxErrorRate", 0.0));
        assertThat(load).isEqualTo(new LoadTestSpec(50, Duration.ofSeconds(10), 100.0, 0.0));
        wrong(() -> LoadTestSpec.parse("loadTest", Map.of("duration", "10s")), "loadTest.rps", "requests per second");
        wrong(() -> LoadTestSpec.parse("loadTest", Map.of("rps", 5, "duration", "2h")), "loadTest.duration",
                "at most 10m");
        wrong(() -> LoadTestSpec.parse("loadTest", Map.of("rps", 5, "maxErrorRate", 2)), "loadTest.maxErrorRate",
                "between 0 and 1");
        wrong(() -> LoadTestSpec.parse("loadTest", Map.of("rps", 5, "qps", 2)), "loadTest", "unknown key 'qps'");
    }

    private static void wrong(ThrowingCallable call, String argument, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MlopsArgumentException.class,
                e -> assertThat(e.getArgument()).isEqualTo(argument)).hasMessageContaining(message);
    }

    /** Every replica has a pids limit: the default, or the one given. */
    @Test
    void replicasAlwaysHaveAPidsLimit() {
        assertThat(ReplicaLauncher.hostConfig(minimal().build()).getPidsLimit())
                .isEqualTo(io.jenkins.plugins.mlops.core.container.ResourceLimits.DEFAULT_PIDS_LIMIT);
        assertThat(ReplicaLauncher.hostConfig(minimal().pidsLimit(512L).build()).getPidsLimit()).isEqualTo(512L);
        assertThat(ReplicaLauncher.hostConfig(minimal().pidsLimit(512L).build()).getCapDrop())
                .containsExactly(com.github.dockerjava.api.model.Capability.ALL);
    }
}
