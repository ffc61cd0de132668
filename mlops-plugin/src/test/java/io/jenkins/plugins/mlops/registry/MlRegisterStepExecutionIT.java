package io.jenkins.plugins.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlRegister} through its own entry points as Pipeline calls them, into a real directory registry (the
 * default under JENKINS_HOME) and a real OCI registry (Debian's docker-registry on 127.0.0.1, htpasswd auth): what is
 * stored, what comes back, lineage from the build, the gate from the build's mlValidate, and the alias rules.
 */
class MlRegisterStepExecutionIT {

    @RegisterExtension
    static final DistributionRegistry OCI = new DistributionRegistry();

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(1);
    private static final String MODEL = ".mlops/runs/17-abcdef01/model";
    private static final String COMMIT = "feedfacefeedfacefeedfacefeedfacefeedface";

    @TempDir
    Path workspace;

    @TempDir
    Path jenkinsHome;

    private final CapturingListener log = new CapturingListener();
    private final TestRun run = new TestRun(new TestRun.TestJob("team", "movies"), 17);
    private EnvVars env;

    @BeforeEach
    void buildWithATraining() throws Exception {
        TestModels.write(workspace.resolve(MODEL), 3, 1000, 7);
        Files.writeString(workspace.resolve(MODEL).resolve(".gitignore"), "*.tmp\n");
        env = new EnvVars("JENKINS_HOME", jenkinsHome.toString(), "GIT_COMMIT", COMMIT,
                "GIT_URL", "https://git.example/movies.git", "BUILD_URL", "http://ci.example/job/team/job/movies/17/");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", new BigDecimal("0.01"));
        params.put("epochs", 2);
        TrainingSpec spec = TrainingSpec.builder().image("trainer:1").workDir(workspace.toString())
                .outputDir(workspace.resolve(".mlops/runs/17-abcdef01").toString()).build();
        TrainingResult result = new TrainingResult("run-1", "sha256:" + "ab".repeat(32), 0,
                workspace.resolve(".mlops/runs/17-abcdef01").toString(), workspace.resolve(MODEL).toString(),
                Map.of("rmse", 0.91, "eval.mae", 0.7), params, "sha256:" + "da".repeat(32), Duration.ofSeconds(3));
        run.addAction(TrainingAction.succeeded("17-abcdef01", spec, result, MODEL));
    }

    @Test
    void registersIntoTheDefaultRegistryWithMetricsGateAndLineageFromTheBuild() throws Throwable {
        gate(true);

        Map<String, Object> first = register(Map.of("name", "movie_predictor", "model", MODEL,
                "aliases", List.of("candidate")));

        Path registryDir = jenkinsHome.resolve("mlops-registry");
        assertThat(first).containsOnlyKeys("name", "version", "digest", "aliases", "registry", "files", "size", "gate",
                "forced", "report");
        assertThat(run.artifacts().resolve((String) first.get("report"))).content()
                .contains("movie_predictor v1", "candidate");
        assertThat(first).containsEntry("name", "movie_predictor").containsEntry("version", 1)
                .containsEntry("aliases", List.of("candidate")).containsEntry("registry", registryDir.toString())
                .containsEntry("files", 4).containsEntry("size", 3006L).containsEntry("gate", "passed")
                .containsEntry("forced", false);
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(registryDir)) {
            ModelVersion v = registry.resolve("movie_predictor", "candidate");
            assertThat(v.getVersion()).isEqualTo(1);
            assertThat(first.get("digest")).isEqualTo(v.getDigest());
            assertThat(v.getFiles()).extracting(ModelFile::getPath)
                    .contains(".gitignore", "sub/weights-0.bin", "part-1.bin", "part-2.bin");
            assertThat(v.getMetrics()).isEqualTo(Map.of("rmse", 0.91, "eval.mae", 0.7));
            assertThat(v.getParams()).containsEntry("epochs", 2).containsKey("lr");
            assertThat(v.getGate().getPassed()).isTrue();
            assertThat(v.getGate().getSummaryJson()).contains("\"summary\":\"Gate PASSED: 1 of 1 rules passed\"");
            assertThat(v.getLineage().getJob()).isEqualTo("team/movies");
            assertThat(v.getLineage().getBuildNumber()).isEqualTo(17);
            assertThat(v.getLineage().getBuildUrl()).isEqualTo("http://ci.example/job/team/job/movies/17/");
            assertThat(v.getLineage().getGitCommit()).isEqualTo(COMMIT);
            assertThat(v.getLineage().getGitUrl()).isEqualTo("https://git.example/movies.git");
            assertThat(v.getLineage().getTrainingImageId()).isEqualTo("sha256:" + "ab".repeat(32));
            assertThat(v.getLineage().getDataDigest()).isEqualTo("sha256:" + "da".repeat(32));
            assertThat(v.getLineage().getActor()).isEqualTo("team/movies #17");
        }
        RegistrationAction action = run.getAction(RegistrationAction.class);
        assertThat(action.getRun()).isSameAs(run);
        assertThat(action.getVersion()).isEqualTo(1);
        assertThat(action.getDigest()).isEqualTo(first.get("digest"));
        assertThat(action.getGitCommit()).isEqualTo(COMMIT);
        assertThat(log.text()).contains("[mlRegister] Registering " + MODEL + " as movie_predictor in " + registryDir
                + " (gate passed)", "[mlRegister] Registered movie_predictor v1 (" + first.get("digest") + "): 4 file(s)");

        Files.writeString(workspace.resolve(MODEL).resolve("part-1.bin"), "retrained");
        Map<String, Object> second = register(Map.of("name", "movie_predictor", "model", MODEL + "/"));
        assertThat(second).containsEntry("version", 2).containsEntry("aliases", List.of());
        assertThat(second.get("digest")).isNotEqualTo(first.get("digest"));
        assertThat(run.getActions(RegistrationAction.class)).hasSize(2);
    }

    @Test
    void aFailedGateGetsNoAliasWithoutForceAndNothingIsRegistered() throws Throwable {
        gate(false);

        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", MODEL,
                "aliases", List.of("production"))))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlRegister: The new version of movie_predictor did not pass its quality gate,"
                        + " so aliases [production] cannot point at it; nothing was registered.")
                .hasMessageContaining("force: true").hasMessageContaining("recorded in the alias history");

        assertThat(run.getActions(RegistrationAction.class)).isEmpty();
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(jenkinsHome.resolve("mlops-registry"))) {
            assertThat(registry.latestVersion("movie_predictor")).isEmpty();
        }
    }

    @Test
    void forceGivesTheAliasAndTheHistoryRecordsIt() throws Throwable {
        gate(false);

        Map<String, Object> m = register(Map.of("name", "movie_predictor", "model", MODEL,
                "aliases", List.of("production"), "force", true));

        assertThat(m).containsEntry("gate", "failed").containsEntry("forced", true);
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(jenkinsHome.resolve("mlops-registry"))) {
            List<AliasEvent> history = registry.aliasHistory("movie_predictor", "production");
            assertThat(history).hasSize(1);
            assertThat(history.get(0).isForced()).isTrue();
            assertThat(history.get(0).getActor()).isEqualTo("team/movies #17");
        }
        assertThat(run.getAction(RegistrationAction.class).isForced()).isTrue();
        assertThat(log.text()).contains("forced past a gate that did not pass; recorded in the alias history");
    }

    @Test
    void aModelNeverValidatedNeedsForceForAnAlias() throws Throwable {
        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", MODEL,
                "aliases", List.of("candidate"))))
                .hasMessageContaining("was never validated");

        Map<String, Object> noAlias = register(Map.of("name", "movie_predictor", "model", MODEL));
        assertThat(noAlias).containsEntry("gate", "not validated").containsEntry("version", 1);
    }

    @Test
    void explicitMetricsAndParamsWinAndTheRelativeBuildUrlStandsInForBuildUrl() throws Throwable {
        env.remove("BUILD_URL");
        Path registryDir = workspace.resolveSibling(workspace.getFileName() + "-explicit");

        Map<String, Object> m = register(Map.of("name", "movie_predictor", "model", MODEL,
                "metrics", Map.of("rmse", 0.5), "params", Map.of("depth", 6), "registry", registryDir.toString()));

        assertThat(m).containsEntry("registry", registryDir.toString());
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(registryDir)) {
            ModelVersion v = registry.get("movie_predictor", 1);
            assertThat(v.getMetrics()).isEqualTo(Map.of("rmse", 0.5));
            assertThat(v.getParams()).isEqualTo(Map.of("depth", 6));
            assertThat(v.getLineage().getBuildUrl()).isEqualTo("job/team/job/movies/17/");
        }
    }

    @Test
    void withoutATrainingOfThatModelTheGatesMetricsAreRegistered() throws Throwable {
        Path other = TestModels.write(workspace.resolve("imported/model"), 1, 10, 3);
        gate(true);

        register(Map.of("name", "imported", "model", workspace.relativize(other).toString()));

        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(jenkinsHome.resolve("mlops-registry"))) {
            ModelVersion v = registry.get("imported", 1);
            assertThat(v.getMetrics()).isEqualTo(Map.of("rmse", 0.8));
            assertThat(v.getParams()).isEmpty();
            assertThat(v.getLineage().getTrainingImageId()).isNull();
        }
        assertThat(log.text()).contains("registering the metrics the quality gate checked");
    }

    @Test
    void aMissingModelOrRegistryIsNamed() throws Exception {
        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", "no/such/model")))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlRegister: Invalid argument 'model': 'no/such/model' does not exist in the"
                        + " workspace");
        env.remove("JENKINS_HOME");
        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", MODEL)))
                .hasMessageStartingWith("mlRegister: Invalid argument 'registry': none given, MLOPS_REGISTRY is not set");
        env.put("MLOPS_REGISTRY", "ftp://models");
        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", MODEL)))
                .hasMessageStartingWith("mlRegister: Invalid argument 'MLOPS_REGISTRY': 'ftp://models' from the build's"
                        + " environment cannot be used");
        assertThat(run.getActions(RegistrationAction.class)).isEmpty();
    }

    @Test
    void registersIntoAnOciRegistryWithCredentialsFromTheEnvironmentNeverLogged() throws Throwable {
        gate(true);
        String location = OCI.location("ml/models");
        env.putAll(OCI.env());
        env.put("MLOPS_REGISTRY", location);

        Map<String, Object> first = register(Map.of("name", "movie_predictor", "model", MODEL,
                "aliases", List.of("candidate")));
        Map<String, Object> second = register(Map.of("name", "movie_predictor", "model", MODEL));

        assertThat(first).containsEntry("version", 1).containsEntry("registry", location).containsEntry("files", 4);
        assertThat(second).containsEntry("version", 2);
        try (ModelRegistry registry = ModelRegistries.open(location, OCI.env())) {
            ModelVersion v = registry.resolve("movie_predictor", "candidate");
            assertThat(v.getVersion()).isEqualTo(1);
            assertThat(v.getDigest()).isEqualTo(first.get("digest"));
            assertThat(v.getLineage().getGitCommit()).isEqualTo(COMMIT);
            assertThat(v.getMetrics()).containsEntry("rmse", 0.91);
        }
        assertThat(log.text()).contains("in " + location).doesNotContain(OCI.password());
        assertThat(run.getAction(RegistrationAction.class).getRegistry()).isEqualTo(location);

        env.put("MLOPS_REGISTRY_PASSWORD", "wrong-" + OCI.password());
        assertThatThrownBy(() -> register(Map.of("name", "movie_predictor", "model", MODEL)))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlRegister: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OCI.password()));
        assertThat(log.text()).doesNotContain(OCI.password());
    }

    /** Records a gate on the build as mlValidate would: one rule, passed or failed. */
    private void gate(boolean passed) throws Exception {
        ValidationSpec plan = DataBinding.instantiate(MlValidateStep.class, Map.of("metrics", Map.of("rmse", 0.8),
                "thresholds", List.of(passed ? "rmse < 0.9" : "rmse < 0.5"))).toSpec();
        run.addAction(new ValidationAction("17-0000000" + (passed ? 1 : 2), plan,
                MetricGate.evaluate(plan.getRules(), plan.getMetrics(), Baseline.none("none"), (Path) null, plan.getOptions()), null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> register(Map<String, Object> args) throws Throwable {
        MlRegisterStep step = DataBinding.instantiate(MlRegisterStep.class, new LinkedHashMap<>(args));
        TestStepContext context = new TestStepContext(workspace, run, log, env);
        MlRegisterExecution execution = (MlRegisterExecution) step.start(context);
        assertThat(execution.start()).as("runs asynchronously").isFalse();
        return (Map<String, Object>) context.await(STEP_TIMEOUT);
    }
}
