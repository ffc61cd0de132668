package io.jenkins.plugins.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
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

/** Binding {@code mlRegister}'s named arguments as Pipeline does, and checking them before anything runs. */
class MlRegisterStepArgumentsTest {

    @Test
    void theIssuesExampleBinds() throws Exception {
        RegistrationPlan plan = bind(Map.of("name", "movie_predictor", "model", ".mlops/runs/7-abcdef01/model",
                "aliases", List.of("candidate"))).toPlan();

        assertThat(plan.name).isEqualTo("movie_predictor");
        assertThat(plan.model).isEqualTo(".mlops/runs/7-abcdef01/model");
        assertThat(plan.aliases).containsExactly("candidate");
        assertThat(plan.force).isFalse();
        assertThat(plan.metrics).as("filled in from the build when the step runs").isNull();
        assertThat(plan.params).isNull();
        assertThat(plan.registry).isNull();
    }

    @Test
    void everyArgumentBindsByName() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", new BigDecimal("0.01"));
        params.put("opt", new StringBuilder("adam"));
        params.put("layers", List.of(new StringBuilder("dense"), 64));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "movie_predictor");
        args.put("model", "out/model");
        args.put("aliases", List.of("candidate", new StringBuilder("nightly")));
        args.put("force", true);
        args.put("metrics", Map.of("rmse", 0.91, "eval", Map.of("mae", 0.7)));
        args.put("params", params);
        args.put("registry", "oci://127.0.0.1:5000/models");

        MlRegisterStep step = bind(args);
        RegistrationPlan plan = step.toPlan();

        assertThat(step.isForce()).isTrue();
        assertThat(step.getAliases()).containsExactly("candidate", "nightly");
        assertThat(plan.force).isTrue();
        assertThat(plan.metrics).containsOnly(Map.entry("rmse", 0.91), Map.entry("eval.mae", 0.7));
        assertThat(plan.params).containsEntry("lr", new BigDecimal("0.01")).containsEntry("opt", "adam")
                .containsEntry("layers", List.of("dense", 64));
        assertThat(plan.registry.text()).isEqualTo("oci://127.0.0.1:5000/models");
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(Map.of("model", "m"), "name"),
                Arguments.of(Map.of("name", "Movie Predictor", "model", "m"), "name"),
                Arguments.of(Map.of("name", "movie_predictor"), "model"),
                Arguments.of(Map.of("name", "movie_predictor", "model", " "), "model"),
                Arguments.of(Map.of("name", "m", "model", "m", "aliases", List.of("Production")), "aliases"),
                Arguments.of(Map.of("name", "m", "model", "m", "aliases", List.of("v3")), "aliases"),
                Arguments.of(Map.of("name", "m", "model", "m", "aliases", List.of("latest")), "aliases"),
                Arguments.of(Map.of("name", "m", "model", "m", "aliases", listWithNull()), "aliases"),
                Arguments.of(Map.of("name", "m", "model", "m", "metrics", Map.of("rmse", "low")), "metrics"),
                Arguments.of(Map.of("name", "m", "model", "m", "params", Map.of("when", new Object())), "params"),
                Arguments.of(Map.of("name", "m", "model", "m", "registry", "s3://bucket/models"), "registry"),
                Arguments.of(Map.of("name", "m", "model", "m", "registry", "oci://u:p@host/models"), "registry"));
    }

    private static List<String> listWithNull() {
        List<String> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void aWrongArgumentIsNamed(Map<String, Object> args, String argument) throws Exception {
        MlRegisterStep step = bind(args);

        assertThatThrownBy(step::toPlan)
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessageContaining("'" + argument + "'")
                .extracting(e -> ((MlopsArgumentException) e).getArgument()).isEqualTo(argument);
    }

    /** As in production Jenkins: an unknown name is not an error but a warning in the build log. */
    @Test
    void anUnknownArgumentIsIgnoredWithAWarningNamingTheClosestArgument(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path ws) throws Exception {
        MlRegisterStep step = bind(Map.of("name", "m", "model", "out/model", "alias", List.of("x")));
        io.jenkins.plugins.mlops.testing.context.CapturingListener log =
                new io.jenkins.plugins.mlops.testing.context.CapturingListener();
        step.start(new io.jenkins.plugins.mlops.testing.context.TestStepContext(ws,
                new io.jenkins.plugins.mlops.testing.context.TestRun(7), log, new hudson.EnvVars()));
        assertThat(step.getAliases()).isNull();
        assertThat(log.text()).contains("found for class type 'io.jenkins.plugins.mlops.registry.MlRegisterStep':"
                + " alias ('alias': did you mean 'aliases'?); they are ignored");
    }

    /** The Snippet Generator: aliases one per line, metrics and params as name=value lines. */
    @Test
    void aFormBindsAliasesOnePerLineAndTheMapsAsLines() throws Exception {
        MlRegisterStep step = DataBinding.fromForm(MlRegisterStep.class, Map.of("name", "m", "model", "out/model",
                "aliases", "candidate\nproduction", "metrics", "rmse=0.81", "params", "lr=0.01", "registry", "",
                "force", false));
        assertThat(step.getAliases()).containsExactly("candidate", "production");
        assertThat(step.getRegistry()).isNull();
        RegistrationPlan plan = step.toPlan();
        assertThat(plan.metrics).containsExactly(Map.entry("rmse", 0.81));
        assertThat(plan.params).containsExactly(Map.entry("lr", 0.01));
    }

    /** Pipeline's uninstantiation reads each argument back through its getter ({@code is} for the boolean). */
    @Test
    void everyArgumentHasAGetterOfTheSameTypeAndAHelpFile() throws Exception {
        Map<String, Method> setters = DataBinding.setters(MlRegisterStep.class);

        assertThat(setters.keySet()).containsExactlyInAnyOrder("name", "model", "aliases", "force", "metrics",
                "params", "registry");
        for (Map.Entry<String, Method> s : setters.entrySet()) {
            String property = s.getKey();
            String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            Class<?> type = s.getValue().getParameterTypes()[0];
            Method getter = MlRegisterStep.class.getMethod((type == boolean.class ? "is" : "get") + cap);
            assertThat(getter.getGenericReturnType()).as(property)
                    .isEqualTo(s.getValue().getGenericParameterTypes()[0]);
            assertThat(MlRegisterStep.class.getResource("MlRegisterStep/help-" + property + ".html"))
                    .as("help for " + property).isNotNull();
        }
    }

    private static MlRegisterStep bind(Map<String, ?> args) throws Exception {
        return DataBinding.instantiate(MlRegisterStep.class, args);
    }
}
