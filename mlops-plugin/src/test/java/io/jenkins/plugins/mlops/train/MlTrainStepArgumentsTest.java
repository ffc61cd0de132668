package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
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

/** Binding {@code mlTrain}'s named arguments as Pipeline does, and checking them before anything runs. */
class MlTrainStepArgumentsTest {

    private static final String WS = "/ws";
    private static final String OUT = "/ws/.mlops/runs/7-abcdef01";

    @Test
    void theShortestCallBinds() throws Exception {
        MlTrainStep step = bind(Map.of("image", "trainer:1", "epochs", 2));

        TrainingSpec spec = step.toSpec(WS, OUT, "7-abcdef01");

        assertThat(spec.getImage()).isEqualTo("trainer:1");
        assertThat(spec.getEpochs()).isEqualTo(2);
        assertThat(spec.effectiveParams()).containsExactly(Map.entry("epochs", 2));
        assertThat(spec.getCommand()).as("the image's CMD").isNull();
        assertThat(spec.getNetwork()).isEqualTo("none");
        assertThat(spec.getWorkDir()).isEqualTo(WS);
        assertThat(spec.getOutputDir()).isEqualTo(OUT);
        assertThat(spec.getLabels()).containsEntry(ContainerLabels.STEP_CALL, "7-abcdef01");
    }

    @Test
    void everyArgumentBindsByNameAndReachesTheSpec() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("image", "trainer:1");
        args.put("dockerfile", "docker/Dockerfile");
        args.put("buildContext", "docker");
        args.put("command", "python train.py --out \"$MLOPS_MODEL_DIR\"");
        args.put("epochs", 3);
        args.put("params", Map.of("lr", new BigDecimal("0.01"), "depth", 6, "opt", "adam", "early", true));
        args.put("data", List.of("data/train.csv", "data/images"));
        args.put("env", Map.of("PYTHONHASHSEED", "0"));
        args.put("cpus", 1.5);
        args.put("memory", "2g");
        args.put("gpus", "all");
        args.put("shmSize", "512m");
        args.put("timeout", "1h30m");
        args.put("network", "host");
        args.put("name", "nightly-model");

        MlTrainStep step = bind(args);

        assertThat(step.getImage()).isEqualTo("trainer:1");
        assertThat(step.getDockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(step.getBuildContext()).isEqualTo("docker");
        assertThat(step.getCommand()).isEqualTo("python train.py --out \"$MLOPS_MODEL_DIR\"");
        assertThat(step.getEpochs()).isEqualTo(3);
        assertThat(step.getParams()).isEqualTo(args.get("params"));
        assertThat(step.getData()).containsExactly("data/train.csv", "data/images");
        assertThat(step.getEnv()).containsExactly(Map.entry("PYTHONHASHSEED", "0"));
        assertThat(step.getCpus()).isEqualTo(1.5);
        assertThat(step.getMemory()).isEqualTo("2g");
        assertThat(step.getGpus()).isEqualTo("all");
        assertThat(step.getShmSize()).isEqualTo("512m");
        assertThat(step.getTimeout()).isEqualTo("1h30m");
        assertThat(step.getNetwork()).isEqualTo("host");
        assertThat(step.getName()).isEqualTo("nightly-model");

        TrainingSpec spec = step.toSpec(WS, OUT, "7-abcdef01");
        assertThat(spec.getImage()).isEqualTo("trainer:1");
        assertThat(spec.getDockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(spec.getBuildContext()).isEqualTo("docker");
        assertThat(spec.getCommand()).containsExactly("/bin/sh", "-c", "python train.py --out \"$MLOPS_MODEL_DIR\"");
        assertThat(spec.getEpochs()).isEqualTo(3);
        assertThat(spec.getParams()).isEqualTo(args.get("params"));
        assertThat(spec.effectiveParams()).containsEntry("epochs", 3).containsEntry("lr", new BigDecimal("0.01"));
        assertThat(spec.getData()).containsExactly("data/train.csv", "data/images");
        assertThat(spec.getEnv()).containsExactly(Map.entry("PYTHONHASHSEED", "0"));
        assertThat(spec.getCpus()).isEqualTo(1.5);
        assertThat(spec.getMemoryBytes()).isEqualTo(2L << 30);
        assertThat(spec.getGpus()).isEqualTo("all");
        assertThat(spec.getShmSizeBytes()).isEqualTo(512L << 20);
        assertThat(spec.getTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(spec.getNetwork()).isEqualTo("host");
        assertThat(spec.getName()).isEqualTo("nightly-model");
    }

    @Test
    void emptyTextFromTheSnippetGeneratorMeansNotGiven() throws Exception {
        MlTrainStep step = bind(Map.of("image", "trainer:1", "command", "  ", "memory", "", "timeout", "",
                "network", "", "name", ""));

        assertThat(step.getCommand()).isNull();
        assertThat(step.getMemory()).isNull();
        TrainingSpec spec = step.toSpec(WS, OUT, "7-abcdef01");
        assertThat(spec.getCommand()).isNull();
        assertThat(spec.getMemoryBytes()).isNull();
        assertThat(spec.getTimeout()).isNull();
        assertThat(spec.getNetwork()).isEqualTo("none");
        assertThat(spec.getName()).isNull();
    }

    @Test
    void interpolatedGroovyStringsAndNumbersBecomePlainStrings() throws Exception {
        // A Groovy GString is a CharSequence but not a String; StringBuilder stands in for it here.
        Map<String, Object> params = new HashMap<>();
        params.put("opt", new StringBuilder("adam"));
        Map<String, Object> env = new HashMap<>();
        env.put("SEED", 42);
        env.put("TAG", new StringBuilder("run-7"));
        env.put("DEBUG", false);

        MlTrainStep step = bind(Map.of("image", "trainer:1", "params", params, "env", env));

        assertThat(step.getParams().get("opt")).isEqualTo("adam");
        assertThat(step.toSpec(WS, OUT, "x").getEnv())
                .containsOnly(Map.entry("SEED", "42"), Map.entry("TAG", "run-7"), Map.entry("DEBUG", "false"));
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(Map.of("epochs", 2), "image"),
                Arguments.of(Map.of("image", "t", "memory", "lots"), "memory"),
                Arguments.of(Map.of("image", "t", "memory", "1k"), "memory"),
                Arguments.of(Map.of("image", "t", "shmSize", "big"), "shmSize"),
                Arguments.of(Map.of("image", "t", "timeout", "soon"), "timeout"),
                Arguments.of(Map.of("image", "t", "timeout", "0s"), "timeout"),
                Arguments.of(Map.of("image", "t", "cpus", -1.0), "cpus"),
                Arguments.of(Map.of("image", "t", "gpus", "many"), "gpus"),
                Arguments.of(Map.of("image", "t", "epochs", -1), "epochs"),
                Arguments.of(Map.of("image", "t", "name", "no spaces allowed"), "name"),
                Arguments.of(Map.of("image", "t", "params", Map.of("1st", 1)), "params"),
                Arguments.of(Map.of("image", "t", "params", Map.of("layers", List.of(1, 2))), "params"),
                Arguments.of(Map.of("image", "t", "epochs", 2, "params", Map.of("epochs", 3)), "params"),
                Arguments.of(Map.of("image", "t", "data", List.of(" ")), "data"),
                Arguments.of(Map.of("image", "t", "env", Map.of("NOT-A-NAME", "v")), "env"),
                Arguments.of(Map.of("image", "t", "env", Map.of("LIST", List.of("a"))), "env"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aWrongArgumentIsNamed(Map<String, Object> args, String argument) throws Exception {
        MlTrainStep step = bind(args);

        assertThatThrownBy(() -> step.toSpec(WS, OUT, "7-abcdef01"))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageContaining("'" + argument + "'")
                .extracting(e -> ((MlopsArgumentException) e).getArgument()).isEqualTo(argument);
    }

    @Test
    void anUnknownArgumentIsRejected() {
        assertThatThrownBy(() -> bind(Map.of("image", "t", "epoch", 2)))
                .hasMessageContaining("'epoch'");
    }

    /** Pipeline's uninstantiation (Snippet Generator, Declarative) reads each argument back through its getter. */
    @Test
    void everyArgumentHasAGetterOfTheSameTypeAndAHelpFile() throws Exception {
        Map<String, Method> setters = DataBinding.setters(MlTrainStep.class);

        assertThat(setters.keySet()).containsExactlyInAnyOrder("image", "dockerfile", "buildContext", "command",
                "epochs", "params", "data", "env", "cpus", "memory", "gpus", "shmSize", "timeout", "network", "name");
        for (Map.Entry<String, Method> s : setters.entrySet()) {
            String property = s.getKey();
            Method getter = MlTrainStep.class.getMethod("get" + Character.toUpperCase(property.charAt(0))
                    + property.substring(1));
            assertThat(getter.getGenericReturnType()).as(property)
                    .isEqualTo(s.getValue().getGenericParameterTypes()[0]);
            assertThat(MlTrainStep.class.getResource("MlTrainStep/help-" + property + ".html"))
                    .as("help for " + property).isNotNull();
        }
    }

    private static MlTrainStep bind(Map<String, ?> args) throws Exception {
        return DataBinding.instantiate(MlTrainStep.class, args);
    }
}
