package io.jenkins.plugins.mlops.cli;

import java.nio.file.Path;
import java.util.Map;

/** Runs `mlops report` in-process for tests in other packages (the browser tests serve what it writes). */
public final class ReportCommandRun {

    private ReportCommandRun() {
    }

    /** `mlops report build` from a run directory, a verdict file and the registry's production version. */
    public static void build(Path work, Path html, Path registry) throws Exception {
        Path run = ReportCommandTest.run(work);
        Path verdict = work.resolve("verdict.json");
        io.jenkins.plugins.mlops.core.validate.VerdictJson.write(
                io.jenkins.plugins.mlops.core.report.ReportSamples.passedVerdict(work.resolve("p")), verdict);
        check(CliRun.run(new ReportCommand(), Map.of("JOB_NAME", "movie-predictor", "BUILD_NUMBER", "12",
                "GIT_COMMIT", "4be3a1f0c2d9e8b7a6f5"), "build", "--run", run.toString(), "--verdict",
                verdict.toString(), "--model", "movie_predictor@production", "--registry", registry.toString(),
                "-o", html.toString()));
    }

    /** `mlops report registry` of the whole registry. */
    public static void registry(Path html, Path registry) {
        check(CliRun.run(new ReportCommand(), Map.of(), "registry", "--registry", registry.toString(), "-o",
                html.toString()));
    }

    private static void check(CliRun r) {
        if (r.code() != 0) {
            throw new AssertionError("mlops report failed: " + r);
        }
    }
}
