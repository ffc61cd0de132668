package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.report.ReportSamples;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    /** A run directory as `mlops train` leaves it, a verdict file as `mlops validate --verdict-out` writes it. */
    static Path run(Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("run-12"));
        Files.createDirectories(out.resolve("model"));
        TrainingRecord.write(new TrainingResult("20261126-1", "sha256:3f1c9be0a7d54e21", 0, out.toString(),
                out.resolve("model").toString(), ReportSamples.trainingMetrics(), Map.of("epochs", 2, "rank", 8),
                "sha256:9a8b7c6d", Duration.ofMillis(12_340)));
        Files.writeString(out.resolve("history.csv"), ReportSamples.historyCsv());
        return out;
    }

    @Test
    void writesTheBuildReportAndItsStylesheetFromARunAVerdictAndARegisteredVersion() throws Exception {
        Path run = run(dir);
        Path verdict = dir.resolve("verdict.json");
        VerdictJson.write(ReportSamples.passedVerdict(dir.resolve("p")), verdict);
        Path registry = dir.resolve("registry");
        try (ModelRegistry r = ReportSamples.registry(registry, dir.resolve("models"))) {
            // filled
        }
        Path html = dir.resolve("out/report.html");
        CliRun r = CliRun.run(new ReportCommand(), Map.of("JOB_NAME", "movie-predictor", "BUILD_NUMBER", "12"),
                "build", "--run", run.toString(), "--verdict", verdict.toString(), "--model",
                "movie_predictor@production", "--registry", registry.toString(), "-o", html.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote " + html, "mlops-report.css");
        String page = Files.readString(html);
        assertThat(page).contains("<title>movie-predictor #12</title>", "href=\"mlops-report.css\"",
                "Training: ", "run-12", "12.3 s", "Quality gate passed", "significant(rmse &lt; 0.95)",
                "Registered movie_predictor v3", "production")
                .doesNotContain("<script", "style=", ">0.8079467341783971<");
        assertThat(page).contains("Learning curves", "aria-label=\"loss and val_loss per epoch\"");
        assertThat(dir.resolve("out/mlops-report.css")).exists();
    }

    @Test
    void aBrokenHistoryStillGivesAReportThatSaysWhy() throws Exception {
        Path run = run(dir);
        Files.writeString(run.resolve("history.csv"), "loss\n0.5\n");
        Path html = dir.resolve("r.html");
        CliRun r = CliRun.run(new ReportCommand(), Map.of(), "build", "--run", run.toString(), "-o", html.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(html)).contains("No learning curves: History file", "needs an &#39;epoch&#39; or"
                + " &#39;step&#39; column");
    }

    @Test
    void writesTheRegistryViewsAsOnePageLinkedByAnchors() throws Exception {
        Path registry = dir.resolve("registry");
        try (ModelRegistry r = ReportSamples.registry(registry, dir.resolve("models"))) {
            // filled
        }
        Path html = dir.resolve("registry.html");
        CliRun r = CliRun.run(new ReportCommand(), Map.of(), "registry", "--registry", registry.toString(),
                "-o", html.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("id=\"model-movie_predictor\"", "id=\"model-movie_predictor-v5\"",
                "id=\"compare-movie_predictor-v3-v4\"", "href=\"#compare-movie_predictor-v3-v4\"", "churn_model",
                "Promotion happens only through the pipeline");
    }

    @Test
    void badInputIsNamedAndWritesNothing() throws Exception {
        Path html = dir.resolve("x.html");
        CliRun none = CliRun.run(new ReportCommand(), Map.of(), "build", "-o", html.toString());
        assertThat(none.code()).isEqualTo(ReportCommand.INPUT_ERROR);
        assertThat(none.err()).contains("--run", "nothing to report");

        CliRun missing = CliRun.run(new ReportCommand(), Map.of(), "build", "--run", dir.resolve("nope").toString(),
                "-o", html.toString());
        assertThat(missing.code()).isEqualTo(ReportCommand.INPUT_ERROR);
        assertThat(missing.err()).contains("nope", "run.json");

        Path registry = dir.resolve("registry");
        try (ModelRegistry r = ReportSamples.registry(registry, dir.resolve("models"))) {
            // filled
        }
        CliRun unknown = CliRun.run(new ReportCommand(), Map.of(), "registry", "--registry", registry.toString(),
                "--model", "no_such_model", "-o", html.toString());
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ReportCommand.FAILED);
        assertThat(unknown.err()).contains("no_such_model");
        CliRun bad = CliRun.run(new ReportCommand(), Map.of(), "build", "--registry", registry.toString(),
                "--model", "Bad Name", "-o", html.toString());
        assertThat(bad.code()).isEqualTo(ReportCommand.INPUT_ERROR);
        assertThat(bad.err()).contains("--model");
        assertThat(html).doesNotExist();
        assertThat(dir.resolve("mlops-report.css")).doesNotExist();
    }
}
