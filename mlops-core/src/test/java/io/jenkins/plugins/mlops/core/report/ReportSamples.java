package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.SteppingClock;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.GateOptions;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.RegistryVerdicts;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Report inputs as the real parts make them: verdicts from the real gate (rules parsed, bootstrap run on a
 * predictions file), a registry filled through the embedded backend (versions, alias moves, a rollback, a forced
 * move). Shared by the renderer's unit tests, the browser tests and the CLI's and plugin's tests (test-jar).
 */
public final class ReportSamples {

    /** A name that would run a script if any view forgot to escape it. */
    public static final String HOSTILE = "<script>document.title='pwned'</script>\"onmouseover=\"document.title='pwned'";

    public static final List<String> RULES = List.of("rmse < 0.9", "mae < 0.75", "rmse <= baseline.rmse * 1.01",
            "significant(rmse < 0.95)");

    private ReportSamples() {
    }

    /** A predictions.csv of {@code n} regression examples whose RMSE is about {@code noise}. */
    public static Path predictions(Path dir, int n, double noise, long seed) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("predictions.csv");
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("label,prediction\n");
        for (int i = 0; i < n; i++) {
            double label = 1 + r.nextInt(9) / 2.0;
            b.append(String.format(Locale.ROOT, "%.1f,%.6f%n", label, label + r.nextGaussian() * noise));
        }
        Files.writeString(file, b);
        return file;
    }

    /** The training metrics the example project reports (unrounded, as its JSON has them). */
    public static Map<String, Double> trainingMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", 0.8079467341783971);
        m.put("mae", 0.6469783215647812);
        m.put("test_examples", 6043.0);
        m.put("train_seconds", 3.412);
        return m;
    }

    /** A passing gate against a production baseline, with bootstrap intervals from a real predictions file. */
    public static GateVerdict passedVerdict(Path work) throws IOException, InterruptedException {
        Map<String, Double> baseline = Map.of("rmse", 0.8126, "mae", 0.6502, "test_examples", 6043.0);
        return MetricGate.evaluate(RuleSet.parse("thresholds", RULES), without(trainingMetrics(), "rmse"),
                Baseline.of(baseline, "model movie_predictor@production (v3)"), predictions(work, 600, 0.8, 7),
                GateOptions.builder("").seed(42L).resamples(400).build());
    }

    /** A failing gate: the candidate is worse than production. */
    public static GateVerdict failedVerdict() throws InterruptedException {
        Map<String, Double> m = new LinkedHashMap<>(trainingMetrics());
        m.put("rmse", 1.0528512345);
        m.put("mae", 0.8123456789);
        return MetricGate.evaluate(RuleSet.parse("thresholds", RULES.subList(0, 3)), m,
                Baseline.of(Map.of("rmse", 0.8079467341783971, "mae", 0.6469783215647812), "build #41"),
                (io.jenkins.plugins.mlops.core.validate.stats.Predictions) null, GateOptions.defaults());
    }

    /** A first build: nothing to compare with, so the baseline rule is skipped. */
    public static GateVerdict firstBuildVerdict() throws InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", RULES.subList(0, 3)), trainingMetrics(),
                Baseline.none("no previous successful build"),
                (io.jenkins.plugins.mlops.core.validate.stats.Predictions) null, GateOptions.defaults());
    }

    /** A history.csv as a Keras CSVLogger writes it: loss and val_loss over 12 epochs, and val_rmse. */
    public static String historyCsv() {
        StringBuilder b = new StringBuilder("epoch,loss,val_loss,val_rmse\n");
        for (int e = 1; e <= 12; e++) {
            b.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f%n", e, 1.9 * Math.exp(-e / 3.0) + 0.42,
                    1.8 * Math.exp(-e / 3.4) + 0.55 + (e > 9 ? 0.01 * (e - 9) : 0), 1.25 * Math.exp(-e / 4.0) + 0.79));
        }
        return b.toString();
    }

    /** The curves of {@link #historyCsv()}, read by the shared reader. */
    public static LearningCurves curves() {
        try {
            Path dir = Files.createTempDirectory("mlops-history");
            Files.writeString(dir.resolve(TrainingHistory.FILE_NAME), historyCsv());
            LearningCurves c = LearningCurves.of(TrainingHistory.read(dir.resolve(TrainingHistory.FILE_NAME)));
            Files.delete(dir.resolve(TrainingHistory.FILE_NAME));
            Files.delete(dir);
            return c;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static TrainingSection training() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 12);
        params.put("rank", 8);
        params.put("reg", 5.0);
        params.put("learning_rate", 0.012500000000000001);
        return TrainingSection.builder().title("movie-predictor:train").image("movie-predictor:train")
                .imageId("sha256:3f1c9be0a7d54e21b9d8c6a1f0e2d3c4b5a69788776655443322110099aabbcc")
                .runId("20261126-140312-5821").model(".mlops/runs/12/model")
                .dataDigest("sha256:9a8b7c6d5e4f30211234567890abcdef1234567890abcdef1234567890abcd")
                .exitCode(0).duration(Duration.ofMillis(83_412)).params(params).metrics(trainingMetrics())
                .curves(curves()).build();
    }

    public static RegistrationSection registration(GateVerdict gate) {
        return new RegistrationSection("movie_predictor", 4,
                "sha256:5be2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2", List.of("candidate"),
                false, gate.isPassed() ? Mark.PASSED : Mark.FAILED, "/var/jenkins_home/mlops-registry", 3, 1_482_113,
                gate.getMetrics(), lineage(12));
    }

    public static Lineage lineage(int build) {
        return Lineage.builder().job("ml/movie-predictor/main").buildNumber(build)
                .buildUrl("https://ci.example.org/job/ml/job/movie-predictor/job/main/" + build + "/")
                .gitCommit("4be3a1f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5").gitUrl("https://git.example.org/ml/movie-predictor.git")
                .trainingImageId("sha256:3f1c9be0a7d54e21b9d8c6a1f0e2d3c4b5a69788776655443322110099aabbcc")
                .dataDigest("sha256:9a8b7c6d5e4f30211234567890abcdef1234567890abcdef1234567890abcd")
                .actor("ml/movie-predictor/main #" + build).build();
    }

    public static DeploymentSection deployment() {
        return new DeploymentSection("movie_predictor v4 \u2192 movie-predictor", Mark.PASSED,
                "Serving on http://127.0.0.1:8080 (previous: v3, kept for 10 min)",
                List.of(new DeploymentSection.Fact("Endpoint", "http://127.0.0.1:8080"),
                        new DeploymentSection.Fact("Previous version", "v3"),
                        new DeploymentSection.Fact("Alias moved", "production \u2192 v4")),
                List.of(new DeploymentSection.Check("GET /health", Mark.PASSED, "200 after 1.8 s"),
                        new DeploymentSection.Check("POST /predict", Mark.PASSED, "200 in 14 ms (limit 200 ms)"),
                        new DeploymentSection.Check("load test 50 rps, 10 s", Mark.PASSED, "p99 21 ms, 0 errors")));
    }

    /** A build that trained, passed its gate, registered v4 and deployed it. */
    public static BuildReport passedBuild(Path work) throws IOException, InterruptedException {
        GateVerdict gate = passedVerdict(work);
        return new BuildReport("movie-predictor #12", "ml/movie-predictor/main \u00b7 commit 4be3a1f0c2d9",
                List.of(training()), List.of(GateSection.of(gate)), List.of(registration(gate)), List.of(deployment()));
    }

    /** A build whose gate failed: no registration, no deployment. */
    public static BuildReport failedBuild() throws InterruptedException {
        TrainingSection t = TrainingSection.builder().title("movie-predictor:train").image("movie-predictor:train")
                .duration(Duration.ofMillis(4_210)).params(Map.of("epochs", 0)).metrics(failedVerdict().getMetrics())
                .exitCode(0).build();
        return new BuildReport("movie-predictor #13", "a deliberately weak model (epochs 0)", List.of(t),
                List.of(new GateSection(null, failedVerdict(), "previous", "FAILURE")), List.of(), List.of());
    }

    /** Ten builds: rmse improving with two failed gates, production at v3's value. */
    public static MetricTrend trend() {
        double[] rmse = {0.9312, 0.8874, 0.8641, 1.0528, 0.8411, 0.8302, 0.8290, 0.9620, 0.8126, 0.8079};
        double[] mae = {0.7421, 0.7102, 0.6915, 0.8123, 0.6744, 0.6650, 0.6641, 0.7702, 0.6502, 0.6470};
        List<MetricTrend.Point> points = new ArrayList<>();
        for (int i = 0; i < rmse.length; i++) {
            boolean failed = rmse[i] > 0.9;
            int build = 3 + i;
            points.add(new MetricTrend.Point("#" + build, "../" + build + "/mlops/",
                    Map.of("rmse", rmse[i], "mae", mae[i], "test_examples", 6043.0),
                    failed ? Mark.FAILED : Mark.PASSED));
        }
        return new MetricTrend("Metric trend", List.of("rmse", "mae"), points,
                new MetricTrend.Production("production (v3)", Map.of("rmse", 0.8126, "mae", 0.6502)),
                Direction.fromRules(RULES));
    }

    /**
     * A registry with five versions of movie_predictor (v2 failed its gate, v5 was forced), production moved
     * v1 → v3 → v4, rolled back to v3, and a second model.
     */
    public static ModelRegistry registry(Path root, Path work) throws IOException, InterruptedException {
        EmbeddedModelRegistry r = new EmbeddedModelRegistry(root, false,
                new SteppingClock(Instant.parse("2026-11-20T09:00:00Z")));
        double[] rmse = {0.8521, 1.0528, 0.8126, 0.8079, 0.8312};
        for (int v = 1; v <= 5; v++) {
            Path model = TestModels.write(work.resolve("model-" + v), 3, 2000 + (v == 4 ? 10 : 0), v == 3 ? 2 : v);
            boolean passed = v != 2 && v != 5;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("rmse", rmse[v - 1]);
            metrics.put("mae", rmse[v - 1] * 0.8);
            metrics.put("test_examples", 6043.0);
            GateVerdict verdict = MetricGate.evaluate(RuleSet.parse("thresholds", RULES.subList(0, 2)), metrics,
                    Baseline.none("first"), (io.jenkins.plugins.mlops.core.validate.stats.Predictions) null,
                    GateOptions.defaults());
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("epochs", v == 4 ? 12 : 8);
            params.put("rank", 8);
            params.put("reg", v >= 4 ? 4.5 : 5.0);
            r.register(RegistrationRequest.builder().name("movie_predictor").modelPath(model.toString())
                    .metrics(metrics).params(params)
                    .gate(passed ? RegistryVerdicts.of(verdict)
                            : io.jenkins.plugins.mlops.core.registry.GateRecord.of(false, null))
                    .lineage(lineage(9 + v)).build());
        }
        String actor = "ml/movie-predictor/main #";
        r.setAlias("movie_predictor", "production", 1, false, actor + 10);
        r.setAlias("movie_predictor", "production", 3, false, actor + 12);
        r.setAlias("movie_predictor", "candidate", 4, false, actor + 13);
        r.setAlias("movie_predictor", "production", 4, false, actor + 13);
        r.rollback("movie_predictor", "production", "alice");
        r.setAlias("movie_predictor", "staging", 5, true, actor + 14);
        Path other = TestModels.write(work.resolve("churn"), 1, 500, 9);
        r.register(RegistrationRequest.builder().name("churn_model").modelPath(other.toString())
                .metrics(Map.of("auc", 0.8731, "accuracy", 0.9012)).lineage(Lineage.ofActor("bob")).build());
        return r;
    }

    /** Every view's inputs with {@link #HOSTILE} in every name and text that comes from outside. */
    public record Hostile(BuildReport build, MetricTrend trend, RegistryViews.Model model,
            RegistryViews.Comparison comparison, RegistryViews.Overview overview) {
    }

    public static Hostile hostile(Path work) throws IOException, InterruptedException {
        String evil = HOSTILE;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(evil, 0.5);
        metrics.put("rmse", 0.8);
        Files.createDirectories(work);
        Path history = work.resolve(TrainingHistory.FILE_NAME);
        Files.writeString(history, "epoch,\"" + evil.replace("\"", "\"\"") + "\"\n1,1.0\n2,0.5\n3,0.25\n");
        TrainingSection t = TrainingSection.builder().title(evil).image(evil).params(Map.of(evil, evil))
                .metrics(metrics).duration(Duration.ofSeconds(3)).curves(LearningCurves.of(TrainingHistory.read(history)))
                .curvesNote(evil).build();
        GateVerdict gate = MetricGate.evaluate(RuleSet.parse("thresholds", List.of("rmse < 0.9")), metrics,
                Baseline.none(evil), (io.jenkins.plugins.mlops.core.validate.stats.Predictions) null,
                GateOptions.defaults());
        Lineage lineage = Lineage.builder().job(evil).buildNumber(3).buildUrl("javascript:document.title='pwned'")
                .gitCommit(evil).actor(evil).build();
        RegistrationSection reg = new RegistrationSection(evil, 1, "sha256:" + evil, List.of(evil), true, Mark.PASSED,
                evil, 1, 10, metrics, lineage);
        DeploymentSection dep = new DeploymentSection(evil, Mark.FAILED, evil,
                List.of(new DeploymentSection.Fact(evil, evil)), List.of(new DeploymentSection.Check(evil, Mark.FAILED, evil)));
        BuildReport build = new BuildReport(evil, evil, List.of(t), List.of(new GateSection(evil, gate, evil, evil)),
                List.of(reg), List.of(dep));
        MetricTrend trend = new MetricTrend(evil, List.of(evil), List.of(
                new MetricTrend.Point(evil, "javascript:document.title='pwned'", Map.of(evil, 1.0), Mark.FAILED),
                new MetricTrend.Point("#2", null, Map.of(evil, 2.0), Mark.PASSED)),
                new MetricTrend.Production(evil, Map.of(evil, 1.5)), Map.of());
        io.jenkins.plugins.mlops.core.registry.ModelVersion v = new io.jenkins.plugins.mlops.core.registry.ModelVersion(
                evil, 1, "sha256:" + evil, Instant.EPOCH,
                List.of(new io.jenkins.plugins.mlops.core.registry.ModelFile(evil, "sha256:" + evil, 3)), metrics,
                Map.of(evil, evil), io.jenkins.plugins.mlops.core.registry.GateRecord.of(true, "{\"" + evil.replace("\"", "\\\"") + "\": 1}"),
                lineage);
        io.jenkins.plugins.mlops.core.registry.ModelVersion v2 = v.withVersion(2);
        RegistryViews.Model model = new RegistryViews.Model(evil, List.of(v, v2), Map.of(evil, 2),
                List.of(new io.jenkins.plugins.mlops.core.registry.AliasEvent(evil, null, 2, evil, Instant.EPOCH, true,
                        io.jenkins.plugins.mlops.core.registry.AliasEvent.Action.SET)));
        RegistryViews.Overview overview = new RegistryViews.Overview(evil,
                List.of(new io.jenkins.plugins.mlops.core.registry.ModelSummary(evil, 2, 2, Map.of(evil, 2))),
                Map.of(evil, v2));
        return new Hostile(build, trend, model, new RegistryViews.Comparison(evil, v, v2), overview);
    }

    private static Map<String, Double> without(Map<String, Double> m, String key) {
        Map<String, Double> out = new LinkedHashMap<>(m);
        out.remove(key);
        return out;
    }
}
