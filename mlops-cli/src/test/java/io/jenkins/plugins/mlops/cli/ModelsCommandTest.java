package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

    @TempDir
    Path tmp;

    private Path registry;
    private Path model;
    private Map<String, String> env;

    @BeforeEach
    void threeVersions() throws Exception {
        registry = tmp.resolve("registry");
        model = TestModels.write(tmp.resolve("model"), 2, 2048, 9);
        env = Map.of("MLOPS_REGISTRY", registry.toString());
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(registry);
        for (int i = 0; i < 3; i++) {
            r.register(RegistrationRequest.builder().name("movie_predictor").modelPath(model.toString())
                    .metrics(Map.of("rmse", 0.9 - i * 0.1)).gate(GateRecord.of(i != 1, null))
                    .lineage(Lineage.builder().job("movies").buildNumber(10 + i).actor("movies #" + (10 + i)).build())
                    .build());
        }
    }

    @Test
    void listShowAndVersionsAsTablesAndJson() throws Exception {
        CliRun list = CliRun.run(new ModelsCommand(), env, "list");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("NAME").contains("movie_predictor").contains("v3");

        CliRun show = CliRun.run(new ModelsCommand(), env, "show", "movie_predictor", "v2");
        assertThat(show.code()).as(show.toString()).isZero();
        assertThat(show.out()).contains("movie_predictor v2").contains("failed").contains("rmse=0.8")
                .contains("movies #11").contains("sub/weights-0.bin");

        CliRun versions = CliRun.run(new ModelsCommand(), env, "versions", "movie_predictor", "--json");
        JsonNode arr = new ObjectMapper().readTree(versions.out());
        assertThat(arr).hasSize(3);
        assertThat(arr.get(2).path("digest").asText()).startsWith("sha256:");
        assertThat(arr.get(0).path("lineage").path("buildNumber").asInt()).isEqualTo(10);

        CliRun missing = CliRun.run(new ModelsCommand(), env, "show", "no_such_model");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no_such_model");
    }

    @Test
    void aliasHistoryPointInTimeAndRollback() throws Exception {
        assertThat(CliRun.run(new ModelsCommand(), env, "alias", "movie_predictor", "production", "1", "--actor", "alice").code())
                .isZero();
        Instant between = Instant.now();
        Thread.sleep(5);
        CliRun refused = CliRun.run(new ModelsCommand(), env, "alias", "movie_predictor", "production", "v2");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("did not pass").contains("--force");
        CliRun moved = CliRun.run(new ModelsCommand(), env, "alias", "movie_predictor", "production", "v3", "--actor", "bob");
        assertThat(moved.out()).contains("production: v1 -> v3");

        CliRun history = CliRun.run(new ModelsCommand(), env, "history", "movie_predictor", "production");
        assertThat(history.code()).isZero();
        assertThat(history.out()).contains("alice").contains("bob").contains("v1").contains("v3");

        CliRun at = CliRun.run(new ModelsCommand(), env, "history", "movie_predictor", "production", "--at", between.toString());
        assertThat(at.code()).as(at.toString()).isZero();
        assertThat(at.out()).contains("production was v1 at");
        CliRun before = CliRun.run(new ModelsCommand(), env, "history", "movie_predictor", "production", "--at", "2001-01-01");
        assertThat(before.code()).isEqualTo(1);

        CliRun back = CliRun.run(new ModelsCommand(), env, "rollback", "movie_predictor", "production", "--json");
        assertThat(back.code()).as(back.toString()).isZero();
        JsonNode e = new ObjectMapper().readTree(back.out());
        assertThat(e.path("from").asInt()).isEqualTo(3);
        assertThat(e.path("to").asInt()).isEqualTo(1);
        assertThat(e.path("action").asText()).isEqualTo("rollback");

        CliRun pull = CliRun.run(new ModelsCommand(), env, "pull", "movie_predictor", "production", "--to",
                tmp.resolve("prod").toString());
        assertThat(pull.code()).as(pull.toString()).isZero();
        assertThat(pull.out()).contains("pulled movie_predictor v1").contains("digests verified");
        assertThat(tmp.resolve("prod/part-1.bin")).hasSameBinaryContentAs(model.resolve("part-1.bin"));
    }

    @Test
    void aDamagedVersionIsMarkedAndTheOthersAreListed() throws Exception {
        Path record = registry.resolve("models/movie_predictor/versions/2/version.json");
        Files.writeString(record, "{ torn");

        CliRun versions = CliRun.run(new ModelsCommand(), env, "versions", "movie_predictor");
        assertThat(versions.code()).as(versions.toString()).isEqualTo(1);
        assertThat(versions.out()).containsPattern("v1 +20").containsPattern("v2 +- +DAMAGED").containsPattern("v3 +20");
        assertThat(versions.err()).startsWith("mlops: Digest mismatch for the record of movie_predictor v2 stored at "
                + record);
        CliRun json = CliRun.run(new ModelsCommand(), env, "versions", "movie_predictor", "--json");
        JsonNode arr = new ObjectMapper().readTree(json.out());
        assertThat(arr).hasSize(3);
        assertThat(arr.get(1).path("readable").asBoolean(true)).isFalse();
        assertThat(arr.get(1).path("problem").asText()).startsWith("Digest mismatch for the record of movie_predictor v2");
        assertThat(arr.get(2).path("version").asInt()).isEqualTo(3);

        CliRun show = CliRun.run(new ModelsCommand(), env, "show", "movie_predictor", "2");
        assertThat(show.code()).isEqualTo(1);
        assertThat(show.err()).isEqualTo(versions.err().lines().findFirst().orElseThrow() + "\n");
        assertThat(CliRun.run(new ModelsCommand(), env, "show", "movie_predictor", "3").code()).isZero();
    }

    @Test
    void readingCommandsOnARegistryThatDoesNotExistSaySoAndCreateNothing() {
        Path typo = tmp.resolve("registyr");
        String said = "mlops: No model registry exists at " + typo + ": the directory does not exist";
        for (String[] args : List.of(new String[] {"list"}, new String[] {"versions", "movie_predictor"},
                new String[] {"show", "movie_predictor"}, new String[] {"history", "movie_predictor"},
                new String[] {"pull", "movie_predictor", "--to", tmp.resolve("out").toString()})) {
            List<String> withRegistry = new java.util.ArrayList<>(List.of(args));
            withRegistry.addAll(List.of("--registry", typo.toString()));
            CliRun r = CliRun.run(new ModelsCommand(), env, withRegistry.toArray(String[]::new));
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(String.join(" ", args)).startsWith(said);
        }
        CliRun validate = CliRun.run(new ValidateCommand(), Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse < 1",
                "--threshold", "rmse <= baseline.rmse", "--compare-to", "production", "--name", "movie_predictor",
                "--registry", typo.toString());
        assertThat(validate.code()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("baseline: none (no model registry exists at " + typo + " yet)");
        assertThat(typo).as("no reading command created a registry").doesNotExist();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun badVersion = CliRun.run(new ModelsCommand(), env, "alias", "movie_predictor", "production", "three");
        assertThat(badVersion.code()).isEqualTo(2);
        assertThat(badVersion.err()).contains("'version'");
        CliRun badAlias = CliRun.run(new ModelsCommand(), env, "alias", "movie_predictor", "v9", "1");
        assertThat(badAlias.code()).isEqualTo(2);
        assertThat(badAlias.err()).contains("'alias'");
        CliRun badAt = CliRun.run(new ModelsCommand(), env, "history", "movie_predictor", "production", "--at", "yesterday");
        assertThat(badAt.code()).isEqualTo(2);
        CliRun noSub = CliRun.run(new ModelsCommand(), env);
        assertThat(noSub.code()).isEqualTo(2);
        CliRun badRegistry = CliRun.run(new ModelsCommand(), env, "list", "--registry", "s3://bucket/models");
        assertThat(badRegistry.code()).isEqualTo(2);
        assertThat(badRegistry.err()).contains("'registry'");
    }
}
