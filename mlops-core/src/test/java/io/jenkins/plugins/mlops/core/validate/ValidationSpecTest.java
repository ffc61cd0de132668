package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input rule of the gate is the core's: the step and the CLI get the same problem, each in its own spelling
 * of the arguments.
 */
class ValidationSpecTest {

    private static final List<String> RULES = List.of("rmse < 0.95");

    @TempDir
    Path dir;

    private static ValidationSpec.Builder valid(ArgumentStyle style) {
        return ValidationSpec.builder(style).thresholds(RULES).metrics(Map.of("rmse", 0.9));
    }

    static Stream<Arguments> badCombinations() {
        return Stream.of(
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.metrics(null), "metrics", "--metric",
                        "no metrics to check"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.command(List.of("x")), "command", "--command",
                        "is for the evaluation container; give "),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.model("m"), "model", "--model",
                        "is for the evaluation container"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.image("e:1"), "model", "--model",
                        "an evaluation needs the candidate model"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.image("e:1").model("m").data(List.of(" ")),
                        "data", "--data", "contains an empty path"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.image("e:1").model("m")
                        .timeout(Duration.ZERO), "timeout", "--timeout", "must be positive"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.name("m"), "name", "--name",
                        "names the registered model "),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.registry("/r"), "registry", "--registry",
                        "is where "),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.compareTo("production")
                        .registry("https://x/y"), "registry", "--registry", "unknown scheme"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.thresholds(List.of()), "thresholds",
                        "--threshold", "no rules given"),
                Arguments.of((UnaryOperator<ValidationSpec.Builder>) b -> b.confidence(95.0), "confidence",
                        "--confidence", "must be between 0 and 1"));
    }

    @ParameterizedTest
    @MethodSource("badCombinations")
    void theStepAndTheCliSayTheSameThingInTheirOwnSpelling(UnaryOperator<ValidationSpec.Builder> change, String step,
            String cli, String problem) {
        MlopsArgumentException asStep = catchArgument(() -> change.apply(valid(ArgumentStyle.STEP)).build());
        MlopsArgumentException asCli = catchArgument(() -> change.apply(valid(ArgumentStyle.CLI)).build());
        assertThat(asStep.getArgument()).isEqualTo(step);
        assertThat(asCli.getArgument()).isEqualTo(cli);
        assertThat(asStep.getMessage()).contains(problem);
        assertThat(asCli.getMessage()).contains(problem);
    }

    private static MlopsArgumentException catchArgument(Runnable r) {
        try {
            r.run();
        } catch (MlopsArgumentException e) {
            return e;
        }
        throw new AssertionError("no argument was refused");
    }

    @Test
    void previousIsABuildInJenkinsAndAnErrorElsewhere() {
        ValidationSpec step = valid(ArgumentStyle.STEP).compareTo("previous").build();
        ValidationSpec cli = valid(ArgumentStyle.CLI).compareTo("previous").build();
        assertThat(BaselineSources.kind(step, false)).isEqualTo(BaselineSources.Kind.PREVIOUS);
        assertThatThrownBy(() -> BaselineSources.kind(cli, false))
                .hasMessageStartingWith("Invalid argument '--compare-to': 'previous' means the last successful build");
        assertThat(BaselineSources.kind(cli, true)).as("a file of that name").isEqualTo(BaselineSources.Kind.FILE);
        assertThat(BaselineSources.kind(valid(ArgumentStyle.STEP).compareTo("production").build(), false))
                .isEqualTo(BaselineSources.Kind.REGISTERED);
        assertThatThrownBy(() -> BaselineSources.kind(valid(ArgumentStyle.STEP).compareTo("a b").build(), false))
                .hasMessageStartingWith("Invalid argument 'compareTo': 'a b' is neither 'previous', a file in the"
                        + " workspace, nor a registered model's alias, version or 'latest'");
    }

    @Test
    void explicitBaselineValuesOverrideNameByName() {
        ValidationSpec spec = valid(ArgumentStyle.CLI).baseline(Map.of("rmse", 0.8)).build();
        Baseline merged = BaselineSources.withExplicit(spec, Baseline.of(Map.of("rmse", 0.9, "mae", 0.7), "base.json"));
        assertThat(merged.getMetrics()).containsEntry("rmse", 0.8).containsEntry("mae", 0.7);
        assertThat(merged.getDescription()).isEqualTo("base.json + --baseline");
        assertThat(BaselineSources.withExplicit(spec, Baseline.none("x")).getDescription()).isEqualTo("--baseline");
        assertThat(BaselineSources.none(valid(ArgumentStyle.STEP).build()).getDescription())
                .isEqualTo("none given; use compareTo or baseline");
    }

    @Test
    void givenMetricsOverrideTheFileWhichOverridesTheEvaluation() throws Exception {
        Files.writeString(dir.resolve("m.json"), "{\"rmse\": 0.8, \"mae\": 0.6}");
        ValidationSpec spec = ValidationSpec.builder(ArgumentStyle.STEP).thresholds(RULES).metrics(Map.of("rmse", 0.7))
                .metricsFile("m.json").build();
        EvaluationResult evaluation = new EvaluationResult("r", "sha256:1", dir.toString(), Duration.ZERO,
                Map.of("rmse", 0.9, "mae", 0.5, "auc", 0.6), null);
        CandidateMetrics c = CandidateMetrics.collect(spec, dir, evaluation);
        assertThat(c.metrics()).containsEntry("rmse", 0.7).containsEntry("mae", 0.6).containsEntry("auc", 0.6);
        assertThat(c.predictions()).isNull();
    }

    @Test
    void anEvaluationsOwnPredictionsExcludeThePredictionsArgument() {
        ValidationSpec spec = ValidationSpec.builder(ArgumentStyle.CLI).thresholds(RULES).image("e:1").model("m")
                .predictions("p.csv").build();
        EvaluationResult evaluation = new EvaluationResult("r", "sha256:1", dir.toString(), Duration.ZERO, Map.of(),
                dir.resolve("predictions.csv").toString());
        assertThatThrownBy(() -> CandidateMetrics.collect(spec, dir, evaluation))
                .hasMessageStartingWith("Invalid argument '--predictions': the evaluation container wrote its own"
                        + " predictions.csv; give --predictions only");
        assertThatThrownBy(() -> CandidateMetrics.collect(ValidationSpec.builder(ArgumentStyle.STEP)
                .thresholds(RULES).metricsFile("missing.json").build(), dir, null))
                .isInstanceOf(MlopsArgumentException.class).hasMessageStartingWith("Invalid argument 'metricsFile': ");
    }
}
