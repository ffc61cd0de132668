package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RegisterCommandIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    @TempDir
    Path tmp;

    private static final Map<String, String> JENKINS_ENV = Map.of(
            "JOB_NAME", "team/movies/main", "BUILD_NUMBER", "17", "BUILD_URL", "http://ci/job/movies/17/",
            "GIT_COMMIT", "feedfacefeedfacefeedfacefeedfacefeedface", "GIT_URL", "https://git.example/movies.git");

    @Test
    void registersWithMetricsVerdictLineageAndAliases() throws Exception {
        Path model = TestModels.write(tmp.resolve("run/model"), 2, 1000, 1);
        Path metrics = Files.writeString(tmp.resolve("run/metrics.json"), "{\"rmse\": 0.91, \"eval\": {\"mae\": 0.7}}");
        Path verdict = Files.writeString(tmp.resolve("verdict.json"),
                "{\"passed\": true, \"results\": [{\"metric\": \"rmse\", \"passed\": true, \"value\": 0.91}]}");
        Path registry = tmp.resolve("registry");

        CliRun r = CliRun.run(new RegisterCommand(), JENKINS_ENV, "--registry", registry.toString(),
                "--name", "movie_predictor", "--model", model.toString(), "--metrics", metrics.toString(),
                "--verdict", verdict.toString(), "--aliases", "candidate", "--param", "epochs=3", "--param", "lr=0.01",
                "--imageId", "sha256:" + "ab".repeat(32));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("registered movie_predictor v1 (sha256:").contains("gate passed")
                .contains("aliases candidate");
        ModelVersion v = new EmbeddedModelRegistry(registry).resolve("movie_predictor", "candidate");
        assertThat(v.getMetrics()).containsEntry("rmse", 0.91).containsEntry("eval.mae", 0.7);
        assertThat(v.getParams()).containsEntry("epochs", 3).containsEntry("lr", 0.01);
        assertThat(v.getGate().getPassed()).isTrue();
        assertThat(v.getGate().getSummaryJson()).contains("\"results\"").doesNotContain("\"passed\":true,\"results\"");
        assertThat(v.getLineage().getJob()).isEqualTo("team/movies/main");
        assertThat(v.getLineage().getBuildNumber()).isEqualTo(17);
        assertThat(v.getLineage().getGitCommit()).isEqualTo("feedfacefeedfacefeedfacefeedfacefeedface");
        assertThat(v.getLineage().getActor()).isEqualTo("team/movies/main #17");
        assertThat(v.getLineage().getTrainingImageId()).isEqualTo("sha256:" + "ab".repeat(32));
    }

    @Test
    void takesModelMetricsParamsAndLineageFromATrainingRunRecord() throws Exception {
        Path runDir = tmp.resolve("train");
        TestModels.write(runDir.resolve("model"), 2, 500, 3);
        TrainingRecord.write(new TrainingResult("run-1", "sha256:" + "cd".repeat(32), 0, runDir.toString(),
                runDir.resolve("model").toString(), Map.of("rmse", 0.81, "mae", 0.65), Map.of("epochs", 2),
                "sha256:" + "ef".repeat(32), Duration.ofMillis(2300)));
        Path registry = tmp.resolve("registry");

        CliRun r = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry.toString(),
                "--name", "movie_predictor", "--run", runDir.toString(), "--param", "note=from-cli");

        assertThat(r.code()).as(r.toString()).isZero();
        ModelVersion v = new EmbeddedModelRegistry(registry).get("movie_predictor", 1);
        assertThat(v.getFiles()).hasSize(2);
        assertThat(v.getMetrics()).containsEntry("rmse", 0.81).containsEntry("mae", 0.65);
        assertThat(v.getParams()).containsEntry("epochs", 2).containsEntry("note", "from-cli");
        assertThat(v.getLineage().getTrainingImageId()).isEqualTo("sha256:" + "cd".repeat(32));
        assertThat(v.getLineage().getDataDigest()).isEqualTo("sha256:" + "ef".repeat(32));

        CliRun notARun = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry.toString(),
                "--name", "movie_predictor", "--run", tmp.toString());
        assertThat(notARun.code()).isEqualTo(2);
        assertThat(notARun.err()).contains("Invalid argument 'run'").contains("run.json");

        CliRun noModel = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry.toString(),
                "--name", "movie_predictor");
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("Invalid argument 'model'");
    }

    @Test
    void refusesAnAliasForAFailedGateUnlessForced() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 1, 100, 2);
        Path verdict = Files.writeString(tmp.resolve("verdict.json"), "{\"passed\": false, \"results\": []}");
        String registry = tmp.resolve("registry").toString();

        CliRun refused = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "gated",
                "--model", model.toString(), "--verdict", verdict.toString(), "--alias", "production");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).startsWith("mlops: ").contains("did not pass its quality gate").contains("--force");

        CliRun forced = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "gated",
                "--model", model.toString(), "--verdict", verdict.toString(), "--alias", "production", "--force",
                "--actor", "alice", "--json");
        assertThat(forced.code()).as(forced.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(forced.out());
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("aliases").toString()).isEqualTo("[\"production\"]");
        assertThat(json.path("gate").path("passed").asBoolean(true)).isFalse();
        assertThat(new EmbeddedModelRegistry(Path.of(registry)).aliasHistory("gated", "production").get(0).isForced()).isTrue();
    }

    @Test
    void badInputIsAUsageErrorNamingTheArgument() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 1, 100, 3);
        String registry = tmp.resolve("registry").toString();
        CliRun badName = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "Bad Name",
                "--model", model.toString());
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("'name'").contains("Bad Name");

        CliRun noMetrics = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "ok",
                "--model", model.toString(), "--metrics", tmp.resolve("missing.json").toString());
        assertThat(noMetrics.code()).isEqualTo(2);
        assertThat(noMetrics.err()).contains("'metrics'").contains("missing.json");

        Path badVerdict = Files.writeString(tmp.resolve("v.json"), "{\"results\": []}");
        CliRun verdict = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "ok",
                "--model", model.toString(), "--verdict", badVerdict.toString());
        assertThat(verdict.code()).isEqualTo(2);
        assertThat(verdict.err()).contains("'verdict'").contains("\"passed\"");

        CliRun missingOption = CliRun.run(new RegisterCommand(), Map.of(), "--registry", registry, "--name", "ok");
        assertThat(missingOption.code()).isEqualTo(2);
        assertThat(missingOption.err()).contains("--model");
        // nothing was registered, and (reading never creating one) not even an empty registry was left behind
        assertThat(Path.of(registry)).doesNotExist();
    }

    @Test
    void registersAndPullsThroughAnOciRegistryWithCredentialsFromTheEnvironment() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 3, 20_000, 4);
        Map<String, String> env = new HashMap<>(REGISTRY.env());
        env.put("MLOPS_REGISTRY", REGISTRY.location("cli"));

        CliRun reg = CliRun.run(new RegisterCommand(), env, "--name", "oci_model", "--model", model.toString(),
                "--verdict", Files.writeString(tmp.resolve("v.json"), "{\"passed\": true}").toString(),
                "--alias", "candidate");
        assertThat(reg.code()).as(reg.toString()).isZero();
        assertThat(reg.out()).contains("registered oci_model v1").contains(REGISTRY.location("cli"));

        CliRun versions = CliRun.run(new ModelsCommand(), env, "versions", "oci_model");
        assertThat(versions.code()).as(versions.toString()).isZero();
        assertThat(versions.out()).contains("v1").contains("candidate").contains("passed");

        CliRun pull = CliRun.run(new ModelsCommand(), env, "pull", "oci_model", "candidate", "--to",
                tmp.resolve("pulled").toString());
        assertThat(pull.code()).as(pull.toString()).isZero();
        assertThat(tmp.resolve("pulled/sub/weights-0.bin")).hasSameBinaryContentAs(model.resolve("sub/weights-0.bin"));

        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("MLOPS_REGISTRY_PASSWORD", "definitely-wrong-password");
        CliRun denied = CliRun.run(new ModelsCommand(), wrong, "versions", "oci_model");
        assertThat(denied.code()).isEqualTo(1);
        assertThat(denied.err()).contains("refused the credentials").doesNotContain("definitely-wrong-password");
    }
}
