package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.ModelReference;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines from a real embedded registry: which model, which version, and when there is none yet. */
class RegistryBaselinesTest {

    private static final RegistryBaselines STEP = RegistryBaselines.STEP;

    @TempDir
    Path tmp;

    private EmbeddedModelRegistry registry;

    @BeforeEach
    void open() throws Exception {
        // an empty registry: its directory exists (opening one creates nothing)
        registry = new EmbeddedModelRegistry(Files.createDirectories(tmp.resolve("registry")));
    }

    private void register(String name, Map<String, Double> metrics, String... aliases) throws Exception {
        Path model = TestModels.write(tmp.resolve("model-" + name + "-" + metrics.hashCode()), 1, 10, metrics.hashCode());
        registry.register(RegistrationRequest.builder().name(name).modelPath(model.toString()).metrics(metrics)
                .gate(GateRecord.of(true, (String) null)).aliases(List.of(aliases)).build());
    }

    @Test
    void anAliasGivesThatVersionsMetrics() throws Exception {
        register("movie_predictor", Map.of("rmse", 0.93), "production");
        register("movie_predictor", Map.of("rmse", 0.90), "candidate");

        Baseline b = STEP.resolve(registry, "production", null, Map.of());

        assertThat(b.isPresent()).isTrue();
        assertThat(b.getMetrics()).containsExactly(Map.entry("rmse", 0.93));
        assertThat(b.getDescription()).isEqualTo("model movie_predictor@production (v1)");
        assertThat(STEP.resolve(registry, "latest", null, Map.of()).getDescription())
                .isEqualTo("model movie_predictor@latest (v2)");
        assertThat(STEP.resolve(registry, "v1", null, Map.of()).getDescription()).isEqualTo("model movie_predictor v1");
        assertThat(STEP.resolve(registry, "2", null, Map.of()).getMetrics()).containsEntry("rmse", 0.90);
    }

    @Test
    void theModelComesFromNameThenCompareToThenTheEnvironmentThenTheOnlyModel() throws Exception {
        register("alpha", Map.of("rmse", 1.0), "production");
        register("beta", Map.of("rmse", 2.0), "production");

        assertThat(STEP.resolve(registry, "production", "beta", Map.of()).getMetrics()).containsEntry("rmse", 2.0);
        assertThat(STEP.resolve(registry, "alpha@production", null, Map.of()).getMetrics()).containsEntry("rmse", 1.0);
        assertThat(STEP.resolve(registry, "alpha@production", "alpha", Map.of()).getMetrics()).containsEntry("rmse", 1.0);
        assertThat(STEP.resolve(registry, "production", null, Map.of(RegistryBaselines.MODEL_NAME_ENV, "beta"))
                .getMetrics()).containsEntry("rmse", 2.0);
        assertThatThrownBy(() -> STEP.resolve(registry, "production", null, Map.of()))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'compareTo': 'production' does not say which model: give name, write"
                        + " model@production, or set MLOPS_MODEL_NAME; the registry at " + registry.location()
                        + " holds 2 models: alpha, beta");
        assertThatThrownBy(() -> STEP.resolve(registry, "alpha@production", "beta", Map.of()))
                .hasMessageContaining("'alpha@production' names model alpha, but name is beta");
        assertThatThrownBy(() -> RegistryBaselines.CLI.resolve(registry, "production", "Not A Name", Map.of()))
                .isInstanceOf(MlopsArgumentException.class).hasMessageStartingWith("Invalid argument '--name': ");
    }

    @Test
    void anEmptyRegistryCannotChooseAModel() {
        assertThatThrownBy(() -> STEP.resolve(registry, "production", null, Map.of()))
                .hasMessageEndingWith("holds no models");
    }

    @Test
    void aFirstDeploymentHasNoBaselineAndThatIsNotAnError() throws Exception {
        Baseline noModel = STEP.resolve(registry, "production", "movie_predictor", Map.of());
        assertThat(noModel.isPresent()).isFalse();
        assertThat(noModel.getDescription())
                .isEqualTo("model movie_predictor has no versions in " + registry.location() + " yet");
        assertThat(STEP.resolve(registry, "latest", "movie_predictor", Map.of()).isPresent()).isFalse();

        register("movie_predictor", Map.of("rmse", 0.9), "candidate");
        Baseline noAlias = STEP.resolve(registry, "production", null, Map.of());
        assertThat(noAlias.isPresent()).isFalse();
        assertThat(noAlias.getDescription()).isEqualTo("model movie_predictor has no alias production yet");
    }

    @Test
    void aRegistryThatDoesNotExistIsAFirstDeploymentSaidAsSuchAndIsNotCreated() throws Exception {
        Path nowhere = tmp.resolve("typo/registry");
        EmbeddedModelRegistry missing = new EmbeddedModelRegistry(nowhere);

        Baseline b = STEP.resolve(missing, "production", "movie_predictor", Map.of());
        assertThat(b.isPresent()).isFalse();
        assertThat(b.getDescription()).isEqualTo("no model registry exists at " + nowhere + " yet");
        assertThatThrownBy(() -> STEP.resolve(missing, "production", null, Map.of()))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("cannot read the baseline compareTo 'production' names: No model registry exists at "
                        + nowhere + ": the directory does not exist");
        assertThatThrownBy(() -> STEP.resolve(missing, "v2", "movie_predictor", Map.of()))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'compareTo': model movie_predictor has no version 2: no model registry"
                        + " exists at " + nowhere);
        assertThat(tmp.resolve("typo")).as("reading never creates a registry").doesNotExist();
    }

    @Test
    void aVersionThatDoesNotExistIsAnError() throws Exception {
        assertThatThrownBy(() -> STEP.resolve(registry, "3", "movie_predictor", Map.of()))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'compareTo': model movie_predictor has no version 3 in "
                        + registry.location() + " (it has no versions yet)");
        register("movie_predictor", Map.of("rmse", 0.9));
        assertThatThrownBy(() -> STEP.resolve(registry, "v3", null, Map.of()))
                .hasMessageEndingWith("has no version 3 in " + registry.location() + " (the latest is v1)");
    }

    @Test
    void compareToIsCheckedWithoutARegistry() {
        RegistryBaselines.Target t = STEP.parse("movie_predictor@production");
        assertThat(t.model()).isEqualTo("movie_predictor");
        assertThat(t.reference().getKind()).isEqualTo(ModelReference.Kind.ALIAS);
        assertThat(STEP.parse("@v2").model()).isNull();
        assertThat(STEP.parse("v2").reference().getVersion()).isEqualTo(2);
        assertThatThrownBy(() -> STEP.parse("Movie@production")).isInstanceOf(MlopsArgumentException.class)
                .hasMessageStartingWith("Invalid argument 'compareTo': 'Movie' is not a valid model name");
        assertThatThrownBy(() -> STEP.parse("baseline.json")).isInstanceOf(MlopsArgumentException.class)
                .hasMessageContaining("'baseline.json' is neither a version");
        assertThatThrownBy(() -> STEP.parse(" ")).hasMessageStartingWith("Invalid argument 'compareTo': give 'previous'");
    }
}
