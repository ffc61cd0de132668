package io.jenkins.plugins.mlops.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.Correction;
import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.GateOptions;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSyntaxException;
import io.jenkins.plugins.mlops.core.validate.stats.PredictionTask;
import io.jenkins.plugins.mlops.testing.DataBinding;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binding {@code mlValidate}'s named arguments as Pipeline does, and checking them before anything runs. */
class MlValidateStepArgumentsTest {

    private static final List<String> RULES = List.of("rmse < 0.95", "rmse <= baseline.rmse * 1.01");

    @Test
    void theIssuesExampleBindsAndParses() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("metrics", Map.of("rmse", 0.91, "eval", Map.of("mae", new BigDecimal("0.7"))));
        args.put("thresholds", List.of("rmse < 0.95", "eval.mae <= 0.75", "rmse <= baseline.rmse * 1.01"));
        args.put("compareTo", "previous");
        args.put("onFailure", "FAILURE");

        ValidationSpec plan = bind(args).toSpec();

        assertThat(plan.getRules().size()).isEqualTo(3);
        assertThat(plan.getThresholds()).containsExactly("rmse < 0.95", "eval.mae <= 0.75",
                "rmse <= baseline.rmse * 1.01");
        assertThat(plan.getMetrics()).containsOnly(Map.entry("rmse", 0.91), Map.entry("eval.mae", 0.7));
        assertThat(plan.getCompareTo()).isEqualTo(ValidationSpec.PREVIOUS);
        assertThat(plan.getOnFailure()).isEqualTo(FailureMode.FAILURE);
        assertThat(plan.runsEvaluation()).isFalse();
        assertThat(plan.getOptions().getConfidence()).isEqualTo(GateOptions.DEFAULT_CONFIDENCE);
    }

    @Test
    void everyArgumentBindsByNameAndReachesThePlan() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("metrics", Map.of("loss", 1));
        args.put("metricsFile", "out/metrics.yaml");
        args.put("predictions", "out/predictions.csv");
        args.put("image", "evaluator:1");
        args.put("command", "python3 evaluate.py --split test");
        args.put("model", ".mlops/runs/7-abcdef01/model");
        args.put("data", List.of("data/test.csv"));
        args.put("thresholds", RULES);
        args.put("compareTo", "movie_predictor@production");
        args.put("baseline", Map.of("rmse", 0.93));
        args.put("name", "movie_predictor");
        args.put("registry", "oci://127.0.0.1:5000/models");
        args.put("onFailure", "unstable");
        args.put("confidence", 0.99);
        args.put("seed", 7L);
        args.put("resamples", 500);
        args.put("task", "regression");
        args.put("correction", "holm");
        args.put("history", "out/history.csv");
        args.put("baselinePredictions", "out/baseline-predictions.csv");

        MlValidateStep step = bind(args);
        ValidationSpec plan = step.toSpec();

        assertThat(step.getMetricsFile()).isEqualTo("out/metrics.yaml");
        assertThat(step.getCommand()).isEqualTo("python3 evaluate.py --split test");
        assertThat(step.getOnFailure()).isEqualTo("unstable");
        assertThat(plan.getMetrics()).containsExactly(Map.entry("loss", 1.0));
        assertThat(plan.getMetricsFile()).isEqualTo("out/metrics.yaml");
        assertThat(plan.getPredictions()).isEqualTo("out/predictions.csv");
        assertThat(plan.getEvaluation().getImage()).isEqualTo("evaluator:1");
        assertThat(plan.getEvaluation().getCommand()).containsExactly("/bin/sh", "-c", "python3 evaluate.py --split test");
        assertThat(plan.getEvaluation().getModel()).isEqualTo(".mlops/runs/7-abcdef01/model");
        assertThat(plan.getEvaluation().getData()).containsExactly("data/test.csv");
        assertThat(plan.getCompareTo()).isEqualTo("movie_predictor@production");
        assertThat(plan.getBaseline()).containsExactly(Map.entry("rmse", 0.93));
        assertThat(plan.getName()).isEqualTo("movie_predictor");
        assertThat(plan.getRegistry().text()).isEqualTo("oci://127.0.0.1:5000/models");
        assertThat(plan.getOnFailure()).isEqualTo(FailureMode.UNSTABLE);
        assertThat(plan.getOptions().getConfidence()).isEqualTo(0.99);
        assertThat(plan.getOptions().getSeed()).isEqualTo(7L);
        assertThat(plan.getOptions().getResamples()).isEqualTo(500);
        assertThat(plan.getOptions().getTask()).isEqualTo(PredictionTask.REGRESSION);
        assertThat(plan.getOptions().getCorrection()).isEqualTo(Correction.HOLM);
        assertThat(plan.getHistory()).isEqualTo("out/history.csv");
        assertThat(plan.getBaselinePredictions()).isEqualTo("out/baseline-predictions.csv");
        assertThat(plan.runsEvaluation()).isTrue();
    }

    @Test
    void correctionAndBaselinePredictionsAreCheckedWhenTheStepStarts() {
        assertThatThrownBy(() -> bind(Map.of("metrics", Map.of("rmse", 1), "thresholds", RULES, "correction", "fdr"))
                .toSpec()).hasMessage("Invalid argument 'correction': 'fdr' is not a correction; use none, holm or"
                        + " bonferroni");
        assertThatThrownBy(() -> bind(Map.of("metrics", Map.of("rmse", 1), "thresholds", RULES,
                "baselinePredictions", "b.csv")).toSpec())
                .hasMessage("Invalid argument 'baselinePredictions': pairs the baseline's predictions with the"
                        + " candidate's; give predictions (or an evaluation image that writes them) too");
    }

    @Test
    void emptyTextFromTheSnippetGeneratorMeansNotGiven() throws Exception {
        MlValidateStep step = bind(Map.of("metrics", Map.of("rmse", 1), "thresholds", RULES, "compareTo", " ",
                "onFailure", "", "image", "", "name", "", "registry", " "));

        ValidationSpec plan = step.toSpec();

        assertThat(plan.getCompareTo()).isNull();
        assertThat(plan.getOnFailure()).isEqualTo(FailureMode.FAILURE);
        assertThat(plan.runsEvaluation()).isFalse();
        assertThat(plan.getRegistry()).isNull();
    }

    @Test
    void interpolatedRulesBecomePlainStrings() throws Exception {
        // A Groovy GString is a CharSequence but not a String; StringBuilder stands in for it here.
        List<Object> rules = new ArrayList<>();
        rules.add(new StringBuilder("rmse < ").append(0.95));

        MlValidateStep step = bind(Map.of("metrics", Map.of("rmse", 1), "thresholds", rules));

        assertThat(step.getThresholds()).containsExactly("rmse < 0.95");
        assertThat(step.toSpec().getRules().rules().get(0).text()).isEqualTo("rmse < 0.95");
    }

    @Test
    void aRuleWithASyntaxErrorNamesThresholdsTheRuleAndTheColumn() throws Exception {
        MlValidateStep step = bind(Map.of("metrics", Map.of("rmse", 1), "thresholds", List.of("rmse < 1", "rmse << 1")));

        assertThatThrownBy(step::toSpec)
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessage("Invalid argument 'thresholds': rule 2, column 7: expected a number, a metric name, a"
                        + " function call or '(' but found '<'\n  rmse << 1\n        ^");
        assertThatThrownBy(() -> bind(Map.of("metrics", Map.of("rmse", 1),
                "thresholds", List.of("rsme_ok(rmse)"))).toSpec())
                .hasMessageContaining("'thresholds'").hasMessageContaining("unknown function 'rsme_ok'");
    }

    static Stream<Arguments> badArguments() {
        Map<String, Object> m = Map.of("rmse", 0.9);
        return Stream.of(
                Arguments.of(Map.of("metrics", m), "thresholds"),
                Arguments.of(Map.of("metrics", m, "thresholds", List.of()), "thresholds"),
                Arguments.of(Map.of("thresholds", RULES), "metrics"),
                Arguments.of(Map.of("metrics", Map.of("rmse", "low"), "thresholds", RULES), "metrics"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "baseline", Map.of("rmse", true)), "baseline"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "onFailure", "ABORT"), "onFailure"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "confidence", 95.0), "confidence"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "resamples", 10), "resamples"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "task", "ranking"), "task"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "command", "python3 x.py"), "command"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "model", "model"), "model"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "data", List.of("d.csv")), "data"),
                Arguments.of(Map.of("thresholds", RULES, "image", "evaluator:1"), "model"),
                Arguments.of(Map.of("thresholds", RULES, "image", "e:1", "model", "m", "data", List.of(" ")), "data"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "capAdd", List.of("CHOWN")), "capAdd"),
                Arguments.of(Map.of("thresholds", RULES, "image", "e:1", "model", "m", "capAdd", List.of("root")), "capAdd"),
                Arguments.of(Map.of("thresholds", RULES, "image", "e:1", "model", "m", "pidsLimit", 0L), "pidsLimit"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "name", "movie_predictor"), "name"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "registry", "/var/models"), "registry"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "compareTo", "production",
                        "registry", "https://example.com/models"), "registry"),
                Arguments.of(Map.of("metrics", m, "thresholds", RULES, "compareTo", "production",
                        "registry", "oci://user:pw@127.0.0.1/models"), "registry"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aWrongArgumentIsNamed(Map<String, Object> args, String argument) throws Exception {
        MlValidateStep step = bind(args);

        assertThatThrownBy(step::toSpec)
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageContaining("'" + argument + "'")
                .extracting(e -> ((MlopsArgumentException) e).getArgument()).isEqualTo(argument);
    }

    /** As in production Jenkins: an unknown name is not an error but a warning; here the required rules are missing. */
    @Test
    void anUnknownArgumentIsIgnoredWithAWarningNamingTheClosestArgument(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path ws) throws Exception {
        MlValidateStep step = bind(Map.of("threshold", RULES, "metrics", Map.of("rmse", 0.9)));
        io.jenkins.plugins.mlops.testing.context.CapturingListener log =
                new io.jenkins.plugins.mlops.testing.context.CapturingListener();
        assertThatThrownBy(() -> step.start(new io.jenkins.plugins.mlops.testing.context.TestStepContext(ws,
                new io.jenkins.plugins.mlops.testing.context.TestRun(7), log, new hudson.EnvVars())))
                .hasMessageContaining("'thresholds'");
        assertThat(log.text()).contains("found for class type 'io.jenkins.plugins.mlops.validate.MlValidateStep':"
                + " threshold ('threshold': did you mean 'thresholds'?); they are ignored");
    }

    /** The Snippet Generator: an empty Seed box is no seed (it used to bind as seed: 0); rules one per line. */
    @Test
    void aFormBindsRulesOnePerLineAndEmptyNumberBoxesAreNotGiven() throws Exception {
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        form.put("thresholds", "rmse < 0.95\n\nrmse <= baseline.rmse * 1.01\n");
        form.put("metrics", "rmse=0.91\nmae=0.7");
        form.put("seed", "");
        form.put("resamples", "");
        form.put("confidence", "");
        form.put("compareTo", "");
        MlValidateStep step = DataBinding.fromForm(MlValidateStep.class, form);
        assertThat(step.getSeed()).isNull();
        assertThat(step.getResamples()).isNull();
        assertThat(step.getConfidence()).isNull();
        assertThat(step.getThresholds()).containsExactlyElementsOf(RULES);
        assertThat(step.toSpec().getOptions().getSeed()).isEqualTo(42);
        assertThatThrownBy(() -> DataBinding.fromForm(MlValidateStep.class, Map.of("thresholds", "x > 1",
                "resamples", "0")))
                .isInstanceOf(hudson.model.Descriptor.FormException.class)
                .hasMessage("Invalid argument 'resamples': must be from 1 to 2147483647, got 0");
    }

    @Test
    void metricsTakeAMapOrNameValueLinesAndTheEvaluationCommandATextOrAList() throws Exception {
        MlValidateStep text = bind(Map.of("thresholds", RULES, "metrics", "rmse=0.91\nmae=0.7"));
        assertThat(text.toSpec().getMetrics()).containsEntry("rmse", 0.91).containsEntry("mae", 0.7);
        MlValidateStep exec = bind(Map.of("thresholds", RULES, "image", "eval:1", "model", "m",
                "command", List.of("python3", "evaluate.py")));
        assertThat(exec.toSpec().getEvaluation().getCommand()).containsExactly("python3", "evaluate.py");
        assertThatThrownBy(() -> bind(Map.of("thresholds", RULES, "seed", new java.math.BigDecimal("1.5"))))
                .hasMessage("mlValidate: Invalid argument 'seed': must be a whole number, got 1.5");
    }

    /** Pipeline's uninstantiation (Snippet Generator, Declarative) reads each argument back through its getter. */
    @Test
    void everyArgumentHasAGetterOfTheSameTypeAndAHelpFile() throws Exception {
        Map<String, Method> setters = DataBinding.setters(MlValidateStep.class);

        assertThat(setters.keySet()).containsExactlyInAnyOrder("metrics", "metricsFile", "predictions", "image",
                "command", "model", "data", "thresholds", "compareTo", "baseline", "name", "registry", "onFailure",
                "confidence", "seed", "resamples", "task", "pidsLimit", "capAdd", "timeout", "correction", "history",
                "baselinePredictions");
        for (Map.Entry<String, Method> s : setters.entrySet()) {
            String property = s.getKey();
            Method getter = MlValidateStep.class.getMethod("get" + Character.toUpperCase(property.charAt(0))
                    + property.substring(1));
            assertThat(getter.getGenericReturnType()).as(property)
                    .isEqualTo(s.getValue().getGenericParameterTypes()[0]);
            assertThat(MlValidateStep.class.getResource("MlValidateStep/help-" + property + ".html"))
                    .as("help for " + property).isNotNull();
        }
    }

    private static MlValidateStep bind(Map<String, ?> args) throws Exception {
        return DataBinding.instantiate(MlValidateStep.class, args);
    }
}
