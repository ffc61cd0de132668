package io.jenkins.plugins.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadTestSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeTest;
import io.jenkins.plugins.mlops.testing.DataBinding;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binding {@code mlDeploy}'s named arguments as Pipeline does, and checking them before anything runs. */
class MlDeployStepArgumentsTest {

    private static final String WS = "/ws";
    private static final String ACTOR = "team/movies #7";

    @Test
    void theShortestCallBindsWithTheDefaults() throws Exception {
        DeploymentSpec spec = bind(Map.of("name", "movie_predictor", "version", "candidate",
                "image", "movie-predictor:serve")).toSpec(WS, ACTOR);

        assertThat(spec.getService()).isEqualTo("movie-predictor");
        assertThat(spec.getPort()).as("the service's current port, else 8080").isNull();
        assertThat(spec.getBind()).isEqualTo("127.0.0.1");
        assertThat(spec.getHealthPath()).isEqualTo("/health");
        assertThat(spec.getHealthTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.getKeepPrevious()).isEqualTo(Duration.ofMinutes(30));
        assertThat(spec.getReplicas()).isEqualTo(1);
        assertThat(spec.getActor()).isEqualTo(ACTOR);
        assertThat(spec.getWorkDir()).isEqualTo(WS);
        assertThat(spec.getLabels()).as("serving containers outlive the call: no call label").isEmpty();
    }

    @Test
    void everyArgumentBindsByNameAndReachesTheSpec() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "movie_predictor");
        args.put("version", "3");
        args.put("image", "movie-predictor:serve");
        args.put("dockerfile", "examples/movie-predictor/serve.Dockerfile");
        args.put("buildContext", "examples/movie-predictor");
        args.put("command", "exec python3 src/serve.py");
        args.put("service", "movies");
        args.put("port", 8181);
        args.put("bind", "0.0.0.0");
        args.put("healthPath", "/ping");
        args.put("healthTimeout", "90s");
        args.put("smokeTests", List.of(Map.of("path", "/predict", "body", "{\"user\": 1}", "expectStatus", 200,
                "maxLatencyMs", 200)));
        args.put("loadTest", Map.of("rps", 50, "duration", "10s", "maxP99Ms", 100, "maxErrorRate", new BigDecimal("0.0")));
        args.put("alias", "production");
        args.put("env", Map.of("WORKERS", 2));
        args.put("cpus", 1.5);
        args.put("memory", "512m");
        args.put("gpus", "all");
        args.put("registry", "oci://127.0.0.1:5000/models");
        args.put("force", true);
        args.put("keepPrevious", "0");
        args.put("replicas", 2);

        MlDeployStep step = bind(args);
        DeploymentSpec spec = step.toSpec(WS, ACTOR);

        assertThat(spec.getName()).isEqualTo("movie_predictor");
        assertThat(spec.getVersion()).isEqualTo("3");
        assertThat(spec.getImage()).isEqualTo("movie-predictor:serve");
        assertThat(spec.getDockerfile()).isEqualTo("examples/movie-predictor/serve.Dockerfile");
        assertThat(spec.getBuildContext()).isEqualTo("examples/movie-predictor");
        assertThat(spec.getCommand()).containsExactly("/bin/sh", "-c", "exec python3 src/serve.py");
        assertThat(spec.getService()).isEqualTo("movies");
        assertThat(spec.getPort()).isEqualTo(8181);
        assertThat(spec.getBind()).isEqualTo("0.0.0.0");
        assertThat(spec.getHealthPath()).isEqualTo("/ping");
        assertThat(spec.getHealthTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(spec.getSmokeTests()).containsExactly(new SmokeTest("/predict", "POST", "{\"user\": 1}",
                "application/json", 200, null, null, 200.0));
        assertThat(spec.getLoadTest()).isEqualTo(new LoadTestSpec(50, Duration.ofSeconds(10), 100.0, 0.0));
        assertThat(spec.getAlias()).isEqualTo("production");
        assertThat(spec.getEnv()).containsExactly(Map.entry("WORKERS", "2"));
        assertThat(spec.getCpus()).isEqualTo(1.5);
        assertThat(spec.getMemoryBytes()).isEqualTo(512L << 20);
        assertThat(spec.getGpus()).isEqualTo("all");
        assertThat(spec.isForce()).isTrue();
        assertThat(spec.getKeepPrevious()).isZero();
        assertThat(spec.getReplicas()).isEqualTo(2);
        assertThat(step.getRegistry()).isEqualTo("oci://127.0.0.1:5000/models");
        // What the Snippet Generator and Declarative read back: the text forms.
        assertThat(SmokeTest.parseLines("smokeTests", List.of(step.getSmokeTests().split("\n"))))
                .isEqualTo(spec.getSmokeTests());
        assertThat(step.getEnv()).isEqualTo("WORKERS=2");
    }

    @Test
    void theTextFormsOfTheSnippetGeneratorBindToTheSameSpec() throws Exception {
        MlDeployStep step = DataBinding.fromForm(MlDeployStep.class, Map.of("name", "m", "version", "1",
                "image", "serve:1", "port", "8181", "replicas", "2", "cpus", "0.5",
                "smokeTests", "{\"path\": \"/predict\", \"body\": {\"user\": 1}, \"expectField\": \"rating\"}\n"
                        + "{\"path\": \"/health\"}",
                "loadTest", "rps=20\nduration=2s", "env", "A=1\nB=two", "command", "exec python3 serve.py"));
        DeploymentSpec spec = step.toSpec(WS, ACTOR);

        assertThat(spec.getPort()).isEqualTo(8181);
        assertThat(spec.getReplicas()).isEqualTo(2);
        assertThat(spec.getCpus()).isEqualTo(0.5);
        assertThat(spec.getSmokeTests()).extracting(SmokeTest::path).containsExactly("/predict", "/health");
        assertThat(spec.getSmokeTests().get(0).body()).isEqualTo("{\"user\":1}");
        assertThat(spec.getLoadTest()).isEqualTo(new LoadTestSpec(20, Duration.ofSeconds(2), null, 0.0));
        assertThat(spec.getEnv()).containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
        assertThat(spec.getCommand()).containsExactly("/bin/sh", "-c", "exec python3 serve.py");
    }

    @Test
    void aCommandListRunsWithoutAShellAndAFractionalPortIsRefused() throws Exception {
        DeploymentSpec spec = bind(Map.of("name", "m", "version", "1", "image", "serve:1",
                "command", List.of("python3", "serve.py"))).toSpec(WS, ACTOR);
        assertThat(spec.getCommand()).containsExactly("python3", "serve.py");
        assertThatThrownBy(() -> bind(Map.of("name", "m", "version", "1", "image", "serve:1", "port", 8080.5)))
                .hasMessageContaining("'port'");
    }

    @Test
    void emptyFieldsFromTheSnippetGeneratorMeanNotGiven() throws Exception {
        Map<String, Object> args = new HashMap<>(Map.of("name", "m", "version", "previous", "image", "", "service", " ",
                "port", "", "replicas", "", "healthPath", "", "keepPrevious", "", "smokeTests", "", "env", ""));
        DeploymentSpec spec = DataBinding.fromForm(MlDeployStep.class, args).toSpec(WS, ACTOR);

        assertThat(spec.isRollback()).isTrue();
        assertThat(spec.getImage()).isNull();
        assertThat(spec.getService()).isEqualTo("m");
        assertThat(spec.getPort()).isNull();
        assertThat(spec.getReplicas()).isEqualTo(1);
        assertThat(spec.getHealthPath()).isEqualTo("/health");
    }

    static Stream<Arguments> badArguments() {
        Map<String, Object> ok = Map.of("name", "m", "version", "1", "image", "serve:1");
        return Stream.of(
                Arguments.of(Map.of("version", "1", "image", "i"), "name"),
                Arguments.of(Map.of("name", "m", "image", "i"), "version"),
                Arguments.of(Map.of("name", "m", "version", "1"), "image"),
                Arguments.of(with(ok, "service", "no spaces"), "service"),
                Arguments.of(with(ok, "bind", "localhost"), "bind"),
                Arguments.of(with(ok, "healthPath", "health"), "healthPath"),
                Arguments.of(with(ok, "healthTimeout", "soon"), "healthTimeout"),
                Arguments.of(with(ok, "smokeTests", List.of(Map.of("body", "{}"))), "smokeTests[0].path"),
                Arguments.of(with(ok, "smokeTests", List.of("/predict")), "smokeTests[0]"),
                Arguments.of(with(ok, "smokeTests", List.of(Map.of("path", "/p", "expectStatus", 700))),
                        "smokeTests[0].expectStatus"),
                Arguments.of(with(ok, "loadTest", Map.of("duration", "5s")), "loadTest.rps"),
                Arguments.of(with(ok, "alias", "latest"), "alias"),
                Arguments.of(with(ok, "env", Map.of("MLOPS_PORT", "1")), "env"),
                Arguments.of(with(ok, "env", Map.of("LIST", List.of("a"))), "env"),
                Arguments.of(with(ok, "memory", "lots"), "memory"),
                Arguments.of(with(ok, "cpus", -1.0), "cpus"),
                Arguments.of(with(ok, "gpus", "many"), "gpus"),
                Arguments.of(with(ok, "keepPrevious", "a while"), "keepPrevious"),
                Arguments.of(with(ok, "smokeTests", "{\"path\": "), "smokeTests[0]"),
                Arguments.of(with(ok, "loadTest", "rps"), "loadTest"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aWrongArgumentIsNamed(Map<String, Object> args, String argument) throws Exception {
        MlDeployStep step = bind(args);

        assertThatThrownBy(() -> step.toSpec(WS, ACTOR))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageContaining("'" + argument + "'")
                .extracting(e -> ((MlopsArgumentException) e).getArgument()).isEqualTo(argument);
    }

    /** Whole numbers are checked where Pipeline binds them, before the step exists, naming the argument. */
    @Test
    void aPortOrReplicaCountOutOfRangeFailsTheBinding() {
        assertThatThrownBy(() -> bind(Map.of("name", "m", "version", "1", "image", "i", "port", 70000)))
                .hasMessage("mlDeploy: Invalid argument 'port': must be from 1 to 65535, got 70000");
        assertThatThrownBy(() -> bind(Map.of("name", "m", "version", "1", "image", "i", "replicas", 99)))
                .hasMessageStartingWith("mlDeploy: Invalid argument 'replicas'");
    }

    /** Pipeline's uninstantiation (Snippet Generator, Declarative) reads each argument back through its getter. */
    @Test
    void everyArgumentHasAGetterOfTheSameTypeAndAHelpFile() throws Exception {
        Map<String, Method> setters = DataBinding.setters(MlDeployStep.class);

        assertThat(setters.keySet()).containsExactlyInAnyOrder("name", "version", "image", "dockerfile",
                "buildContext", "command", "service", "port", "bind", "healthPath", "healthTimeout", "smokeTests",
                "loadTest", "alias", "env", "cpus", "memory", "gpus", "registry", "force", "keepPrevious", "replicas",
                "pidsLimit");
        for (Map.Entry<String, Method> s : setters.entrySet()) {
            String property = s.getKey();
            String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            Method getter = s.getValue().getParameterTypes()[0] == boolean.class
                    ? MlDeployStep.class.getMethod("is" + cap) : MlDeployStep.class.getMethod("get" + cap);
            assertThat(getter.getGenericReturnType()).as(property)
                    .isEqualTo(s.getValue().getGenericParameterTypes()[0]);
            assertThat(MlDeployStep.class.getResource("MlDeployStep/help-" + property + ".html"))
                    .as("help for " + property).isNotNull();
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static MlDeployStep bind(Map<String, ?> args) throws Exception {
        return DataBinding.instantiate(MlDeployStep.class, args);
    }
}
