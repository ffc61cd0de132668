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
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", new BigDecimal("0.01"));
        params.put("depth", 6);
        params.put("opt", "adam");
        params.put("early", true);
        args.put("params", params);
        args.put("data", List.of("data/train.csv", "data/images"));
        args.put("env", Map.of("PYTHONHASHSEED", "0"));
        args.put("cpus", 1.5);
        args.put("memory", "2g");
        args.put("gpus", "all");
        args.put("shmSize", "512m");
        args.put("timeout", "1h30m");
        args.put("network", "host");
        args.put("name", "nightly-model");
        args.put("pidsLimit", 512L);
        args.put("capAdd", List.of("CHOWN", "cap_fowner"));

        MlTrainStep step = bind(args);

        assertThat(step.getImage()).isEqualTo("trainer:1");
        assertThat(step.getDockerfile()).isEqualTo("docker/Dockerfile");
        assertThat(step.getBuildContext()).isEqualTo("docker");
        assertThat(step.getCommand()).isEqualTo("python train.py --out \"$MLOPS_MODEL_DIR\"");
        assertThat(step.getEpochs()).isEqualTo(3);
        assertThat(step.getParams()).as("a map reads back in its text form")
                .isEqualTo("lr=0.01\ndepth=6\nopt=adam\nearly=true");
        assertThat(step.getData()).containsExactly("data/train.csv", "data/images");
        assertThat(step.getEnv()).isEqualTo("PYTHONHASHSEED=0");
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
        assertThat(spec.getPidsLimit()).isEqualTo(512L);
        assertThat(spec.getCapAdd()).containsExactly("CHOWN", "cap_fowner");
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

        assertThat(step.toSpec(WS, OUT, "x").getParams().get("opt")).isEqualTo("adam");
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
                Arguments.of(Map.of("image", "t", "name", "no spaces allowed"), "name"),
                Arguments.of(Map.of("image", "t", "params", Map.of("1st", 1)), "params"),
                Arguments.of(Map.of("image", "t", "params", Map.of("layers", List.of(1, 2))), "params"),
                Arguments.of(Map.of("image", "t", "epochs", 2, "params", Map.of("epochs", 3)), "params"),
                Arguments.of(Map.of("image", "t", "data", List.of(" ")), "data"),
                Arguments.of(Map.of("image", "t", "env", Map.of("NOT-A-NAME", "v")), "env"),
                Arguments.of(Map.of("image", "t", "env", Map.of("LIST", List.of("a"))), "env"),
                Arguments.of(Map.of("image", "t", "params", "lr"), "params"),
                Arguments.of(Map.of("image", "t", "env", "PATH"), "env"),
                Arguments.of(Map.of("image", "t", "command", List.of()), "command"),
                Arguments.of(Map.of("image", "t", "command", List.of("python3", 3)), "command"),

                Arguments.of(Map.of("image", "t", "capAdd", List.of("CHOWN", "CAP_CHWON")), "capAdd"),
                Arguments.of(Map.of("image", "t", "capAdd", List.of("ALL")), "capAdd"),
                Arguments.of(Map.of("image", "t", "pidsLimit", 1L), "pidsLimit"),
                Arguments.of(Map.of("image", "t", "pidsLimit", -1L), "pidsLimit"));
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

    /** Pipeline's own binding would make 2.7 epochs 2 and 3000000000 a negative number, silently. */
    @ParameterizedTest
    @MethodSource("notWholeNumbers")
    void aNumberThatIsNotAWholeNumberInRangeIsRefusedWhenBound(Object epochs, String problem) {
        assertThatThrownBy(() -> bind(Map.of("image", "t", "epochs", epochs)))
                .isInstanceOf(hudson.AbortException.class)
                .hasMessage("mlTrain: Invalid argument 'epochs': " + problem);
    }

    static Stream<Arguments> notWholeNumbers() {
        return Stream.of(Arguments.of(new BigDecimal("2.7"), "must be a whole number, got 2.7"),
                Arguments.of(3_000_000_000L, "must be from 0 to 2147483647, got 3000000000"),
                Arguments.of(-1, "must be from 0 to 2147483647, got -1"));
    }

    @Test
    void aWholeNumberWrittenAsADecimalOrAsTextIsThatNumber() throws Exception {
        assertThat(bind(Map.of("image", "t", "epochs", new BigDecimal("3.0"))).getEpochs()).isEqualTo(3);
        assertThat(bind(Map.of("image", "t", "epochs", "3")).getEpochs()).isEqualTo(3);
    }

    /** Docker's two forms of CMD: text through the shell, a list as it is. */
    @Test
    void theCommandIsTextForTheShellOrAListRunAsItIs() throws Exception {
        assertThat(bind(Map.of("image", "t", "command", "python3 -c \"print(1+1)\"")).toSpec(WS, OUT, "x")
                .getCommand()).containsExactly("/bin/sh", "-c", "python3 -c \"print(1+1)\"");
        MlTrainStep exec = bind(Map.of("image", "t", "command", List.of("python3", "src/main.py", "--note", "a b")));
        assertThat(exec.toSpec(WS, OUT, "x").getCommand()).containsExactly("python3", "src/main.py", "--note", "a b");
        assertThat(exec.getCommand()).as("reads back as shell words meaning the same")
                .isEqualTo("python3 src/main.py --note 'a b'");
    }

    /** The text form of the map arguments: what the Snippet Generator submits, and what a Jenkinsfile may write. */
    @Test
    void paramsAndEnvAlsoTakeNameValueLines() throws Exception {
        MlTrainStep step = bind(Map.of("image", "t", "params", "lr=0.01\nlayers=3\n# note\nopt=adam",
                "env", "SEED=7\nMODE=fast"));
        TrainingSpec spec = step.toSpec(WS, OUT, "x");
        assertThat(spec.getParams()).containsExactly(Map.entry("lr", 0.01), Map.entry("layers", 3L),
                Map.entry("opt", "adam"));
        assertThat(spec.getEnv()).containsExactly(Map.entry("SEED", "7"), Map.entry("MODE", "fast"));
    }

    /** As in production Jenkins: an unknown name is not an error but a warning in the build log. */
    @Test
    void anUnknownArgumentIsIgnoredWithAWarningNamingTheClosestArgument(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path ws) throws Exception {
        MlTrainStep step = bind(Map.of("image", "t", "epoch", 2));
        io.jenkins.plugins.mlops.testing.context.CapturingListener log =
                new io.jenkins.plugins.mlops.testing.context.CapturingListener();
        step.start(new io.jenkins.plugins.mlops.testing.context.TestStepContext(ws,
                new io.jenkins.plugins.mlops.testing.context.TestRun(7), log, new hudson.EnvVars()));
        assertThat(log.text()).contains("WARNING: Unknown parameter(s) found for class type"
                + " 'io.jenkins.plugins.mlops.train.MlTrainStep': epoch ('epoch': did you mean 'epochs'?);"
                + " they are ignored");
        assertThat(step.getEpochs()).isNull();
    }

    /** The Snippet Generator: every argument has a field, and an empty box means "not given". */
    @Test
    void aFormBindsEveryArgumentAndEmptyBoxesAreNotGiven() throws Exception {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("image", "trainer:1");
        form.put("epochs", "");
        form.put("cpus", "");
        form.put("params", "lr=0.01\nlayers=3");
        form.put("data", "data/train.csv\ndata/images\n");
        form.put("env", "");
        form.put("command", "");
        MlTrainStep step = DataBinding.fromForm(MlTrainStep.class, form);
        assertThat(step.getEpochs()).isNull();
        assertThat(step.getCpus()).isNull();
        assertThat(step.getCommand()).isNull();
        assertThat(step.getEnv()).isNull();
        assertThat(step.getData()).containsExactly("data/train.csv", "data/images");
        assertThat(step.toSpec(WS, OUT, "x").getParams()).containsExactly(Map.entry("lr", 0.01),
                Map.entry("layers", 3L));
        assertThatThrownBy(() -> DataBinding.fromForm(MlTrainStep.class, Map.of("image", "t", "epochs", "2.7")))
                .isInstanceOf(hudson.model.Descriptor.FormException.class)
                .hasMessage("Invalid argument 'epochs': must be a whole number, got 2.7");
    }

    /** Pipeline's uninstantiation (Snippet Generator, Declarative) reads each argument back through its getter. */
    @Test
    void everyArgumentHasAGetterOfTheSameTypeAndAHelpFile() throws Exception {
        Map<String, Method> setters = DataBinding.setters(MlTrainStep.class);

        assertThat(setters.keySet()).containsExactlyInAnyOrder("image", "dockerfile", "buildContext", "command",
                "epochs", "params", "data", "env", "cpus", "memory", "gpus", "shmSize", "timeout", "network", "name",
                "pidsLimit", "capAdd");
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
