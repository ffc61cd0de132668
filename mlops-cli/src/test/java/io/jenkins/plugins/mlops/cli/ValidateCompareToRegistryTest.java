package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mlops validate --compare-to production}: the baseline is a registered model, as in mlValidate. */
class ValidateCompareToRegistryTest {

    @TempDir
    Path tmp;

    private Path registry;

    @BeforeEach
    void registerProduction() throws Exception {
        registry = tmp.resolve("registry");
        try (EmbeddedModelRegistry r = new EmbeddedModelRegistry(registry)) {
            r.register(RegistrationRequest.builder().name("movie_predictor")
                    .modelPath(TestModels.write(tmp.resolve("m1"), 1, 10, 1).toString())
                    .metrics(Map.of("rmse", 0.93)).gate(GateRecord.of(true, (String) null))
                    .aliases(List.of("production")).build());
        }
    }

    private CliRun validate(Map<String, String> env, String... args) {
        ValidateCommand command = new ValidateCommand();
        command.environment = env;
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliRun(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void anAliasInTheRegistryIsTheBaseline() {
        CliRun r = validate(Map.of(), "--metric", "rmse=0.95", "--threshold", "rmse <= baseline.rmse * 1.01",
                "--compare-to", "production", "--registry", registry.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("baseline: model movie_predictor@production (v1)")
                .contains("rmse = 0.95 is not <= baseline.rmse * 1.01 = 0.9393");
    }

    @Test
    void theRegistryAndTheModelCanComeFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("MLOPS_REGISTRY", registry.toString());
        env.put("MLOPS_MODEL_NAME", "movie_predictor");

        CliRun r = validate(env, "--metric", "rmse=0.9", "--threshold", "rmse <= baseline.rmse",
                "--compare-to", "v1");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("baseline: model movie_predictor v1");
    }

    @Test
    void anAliasThatDoesNotExistYetSkipsTheBaselineRulesAndExplicitValuesStillApply() {
        CliRun skipped = validate(Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse <= baseline.rmse",
                "--compare-to", "movie_predictor@champion", "--registry", registry.toString());
        assertThat(skipped.code()).as(skipped.toString()).isZero();
        assertThat(skipped.out()).contains("baseline: none (model movie_predictor has no alias champion yet)")
                .contains("SKIPPED");

        CliRun explicit = validate(Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse <= baseline.rmse",
                "--compare-to", "movie_predictor@champion", "--baseline", "rmse=0.8", "--registry", registry.toString());
        assertThat(explicit.code()).isEqualTo(1);
        assertThat(explicit.out()).contains("baseline: --baseline");
    }

    @Test
    void aFileOfThatNameWinsOverTheRegistry() throws Exception {
        Path file = Files.writeString(tmp.resolve("production"), "{\"rmse\": 0.5}");

        CliRun r = validate(Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse <= baseline.rmse",
                "--compare-to", file.toString(), "--registry", registry.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("baseline: " + file);
    }

    @Test
    void aModelTheRegistryCannotChooseIsAnInputError() throws Exception {
        try (EmbeddedModelRegistry r = new EmbeddedModelRegistry(registry)) {
            r.register(RegistrationRequest.builder().name("other").modelPath(TestModels.write(tmp.resolve("m2"), 1, 10, 2)
                    .toString()).build());
        }

        CliRun r = validate(Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse < 1",
                "--compare-to", "production", "--registry", registry.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid argument '--compare-to': 'production' does not say which model: give"
                + " --name, write model@production, or set MLOPS_MODEL_NAME").contains("movie_predictor, other");
        CliRun named = validate(Map.of(), "--metric", "rmse=0.9", "--threshold", "rmse <= baseline.rmse",
                "--compare-to", "production", "--name", "movie_predictor", "--registry", registry.toString());
        assertThat(named.code()).as(named.toString()).isZero();
    }

    /** The same words as mlValidate's (MlValidateStepExecutionTest), with the option spelled as on the command line. */
    @Test
    void aRegistryThatCannotAnswerWhichModelSaysWhatBaselineItWasFor() {
        Path typo = tmp.resolve("registry-typo");
        CliRun r = validate(Map.of(), "--metric", "rmse=0.91", "--threshold", "rmse < 1",
                "--compare-to", "production", "--registry", typo.toString());

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("mlops validate: cannot read the baseline --compare-to 'production' names: No model"
                + " registry exists at " + typo + ": the directory does not exist");
        assertThat(typo).doesNotExist();
    }
}
