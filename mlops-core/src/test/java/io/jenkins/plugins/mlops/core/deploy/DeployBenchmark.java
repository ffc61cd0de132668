package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerSweep;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.load.FixedRateLoad;
import io.jenkins.plugins.mlops.core.deploy.load.LoadReport;
import io.jenkins.plugins.mlops.core.deploy.load.LoadTarget;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.train.DockerTrainer;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: mlDeploy under a steady, open-loop load of the example's real model server (movie-predictor:serve
 * behind the HAProxy proxy), in one run, printing what a user of the stable endpoint sees. Run with
 * scripts/bench-deploy.sh.
 *
 * <ol>
 *   <li>the baseline: the same requests sent straight to the serving container, alternated with the same requests
 *       through the proxy, so that both see the same machine; the proxy's added latency is their p99 ratio
 *       (target: at most 1.2);</li>
 *   <li>failed and total requests, p50 and p99 before, during and after an upgrade (v1 to v2) and an instant
 *       rollback to the kept v1 (target: 0 failed);</li>
 *   <li>the time from the mlDeploy call to the new version serving, for the first deployment, the upgrade and the
 *       rollback (target for a rollback to a kept version: under 1 s).</li>
 * </ol>
 */
public final class DeployBenchmark {

    private static final double RATE = Double.parseDouble(System.getProperty("bench.rps", "200"));
    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final String TRAIN_IMAGE = System.getProperty("bench.trainImage", "movie-predictor:train");
    private static final String SERVE_IMAGE = System.getProperty("bench.serveImage", "movie-predictor:serve");
    private static final String LABEL = "io.jenkins.plugins.mlops.benchmark";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("mlops-bench-deploy");
        String label = UUID.randomUUID().toString();
        String service = "bench-" + label.substring(0, 8);
        try (DockerClient docker = DockerClients.connect(System.getenv());
             ModelRegistry registry = new EmbeddedModelRegistry(work.resolve("registry"), false, Clock.systemUTC())) {
            System.out.printf(Locale.ROOT, "engine %s, %s behind HAProxy (mlops-haproxy:bookworm), open-loop load of"
                            + " %.0f requests/s (POST /predict), %d rounds of %d s per baseline side%n",
                    docker.versionCmd().exec().getVersion(), SERVE_IMAGE, RATE, ROUNDS, SECONDS);
            prepare(docker, registry, work, label);
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Deployer deployer = new Deployer(docker);
            List<String[]> rows = new ArrayList<>();

            long t0 = System.nanoTime();
            DeploymentResult first = deployer.deploy(spec(service, "1", port, label).build(), registry, LogSink.DISCARD);
            double firstWall = (System.nanoTime() - t0) / 1e6;
            int replicaPort = deployer.status(service).get(0).replicas().get(0).port();
            load(port, 1).summary(); // warms the client and the server's connection threads

            // The baseline: straight to the replica and through the proxy, alternating so both see the same machine.
            List<LoadReport> direct = new ArrayList<>();
            List<LoadReport> proxied = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                direct.add(load(replicaPort, SECONDS));
                proxied.add(load(port, SECONDS));
            }
            LoadSummary directAll = merged(direct);
            LoadSummary proxyAll = merged(proxied);
            rows.add(row("direct to the replica (baseline)", directAll));
            rows.add(row("through the proxy, v1 serving", proxyAll));

            Change upgrade = during(port, () -> deployer.deploy(spec(service, "2", port, label).build(), registry,
                    LogSink.DISCARD));
            rows.add(row("during the upgrade v1 -> v2", upgrade.during));
            rows.add(row("after the upgrade (v2)", load(port, SECONDS).summary()));
            Change rollback = during(port, () -> deployer.deploy(spec(service, "previous", port, label).image(null)
                    .build(), registry, LogSink.DISCARD));
            rows.add(row("during the rollback v2 -> v1", rollback.during));
            rows.add(row("after the rollback (v1)", load(port, SECONDS).summary()));

            System.out.printf(Locale.ROOT, "%n%-36s %9s %7s %8s %8s%n", "phase", "requests", "failed", "p50 ms", "p99 ms");
            for (String[] r : rows) {
                System.out.printf(Locale.ROOT, "%-36s %9s %7s %8s %8s%n", (Object[]) r);
            }
            int failed = upgrade.during.failed() + rollback.during.failed();
            double ratio = proxyAll.p99Millis() / directAll.p99Millis();
            System.out.printf(Locale.ROOT, "%ntime from mlDeploy start to serving: first deployment %.0f ms (call %.0f"
                            + " ms), upgrade %.0f ms (call %.0f ms), rollback to the kept v1 %.0f ms (call %.0f ms)%n",
                    first.totalMs(), firstWall, upgrade.result.totalMs(), upgrade.wallMs, rollback.result.totalMs(),
                    rollback.wallMs);
            System.out.printf(Locale.ROOT, "failed requests during upgrade and rollback: %d of %d (target 0) %s%n",
                    failed, upgrade.during.total() + rollback.during.total(), failed == 0 ? "MET" : "MISSED");
            System.out.printf(Locale.ROOT, "p99 through the proxy / direct: %.2f / %.2f ms = %.2f (target <= 1.2) %s;"
                            + " p50 ratio %.2f%n", proxyAll.p99Millis(), directAll.p99Millis(), ratio,
                    ratio <= 1.2 ? "MET" : "MISSED", proxyAll.p50Millis() / directAll.p50Millis());
            System.out.printf(Locale.ROOT, "rollback to a kept version: %.0f ms to serving (target < 1000) %s%n",
                    rollback.result.totalMs(), rollback.result.totalMs() < 1000 ? "MET" : "MISSED");
            deployer.undeploy(service, registry, "benchmark", Duration.ofMinutes(1), Map.of(LABEL, label),
                    LogSink.DISCARD);
        } finally {
            try (DockerClient docker = DockerClients.connect(System.getenv())) {
                ContainerSweep.remove(docker, LABEL, label, LogSink.DISCARD);
            }
            io.jenkins.plugins.mlops.core.container.OutputDirectory.deleteTree(work);
        }
    }

    /** Two versions of the example's model: one training (1 epoch), registered twice. */
    private static void prepare(DockerClient docker, ModelRegistry registry, Path work, String label) throws Exception {
        Path ratings = Path.of("examples/movie-predictor/data/ratings.csv").toAbsolutePath();
        TrainingResult trained = new DockerTrainer(docker).train(TrainingSpec.builder().image(TRAIN_IMAGE).epochs(1)
                .data(List.of(ratings.toString())).outputDir(work.resolve("train").toString()).label(LABEL, label)
                .build(), LogSink.DISCARD);
        for (int i = 0; i < 2; i++) {
            registry.register(RegistrationRequest.builder().name("movie_predictor").modelPath(trained.modelPath())
                    .gate(GateRecord.of(true, null)).lineage(Lineage.ofActor("benchmark")).build());
        }
    }

    private static DeploymentSpec.Builder spec(String service, String version, int port, String label) {
        return DeploymentSpec.builder().name("movie_predictor").version(version).image(SERVE_IMAGE).service(service)
                .port(port).actor("benchmark").label(LABEL, label)
                .smokeTests(SmokeTest.parseAll("smokeTests", List.of(Map.of("path", "/predict",
                        "body", "{\"user\": 1, \"movie\": 10}", "expectField", "rating"))));
    }

    @FunctionalInterface
    private interface Deployment {
        DeploymentResult run() throws Exception;
    }

    private record Change(DeploymentResult result, double wallMs, LoadSummary during) {
    }

    /** The load runs from a second before the change to a second after it; the window of the change is reported. */
    private static Change during(int port, Deployment change) throws Exception {
        FixedRateLoad.Running running = new FixedRateLoad(HTTP, List.of(predict(port)))
                .start(FixedRateLoad.Settings.of(RATE, Duration.ofMinutes(5), Duration.ofSeconds(10)));
        Thread.sleep(1000);
        long from = running.elapsedNanos();
        long t0 = System.nanoTime();
        DeploymentResult result = change.run();
        double wall = (System.nanoTime() - t0) / 1e6;
        long to = running.elapsedNanos();
        Thread.sleep(1000);
        running.stop();
        LoadReport report = running.awaitReport();
        return new Change(result, wall, report.window(from, to));
    }

    private static LoadReport load(int port, int seconds) throws InterruptedException {
        return new FixedRateLoad(HTTP, List.of(predict(port)))
                .run(FixedRateLoad.Settings.of(RATE, Duration.ofSeconds(seconds), Duration.ofSeconds(10)));
    }

    private static LoadTarget predict(int port) {
        return new LoadTarget(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": 1, \"movie\": 10}"))
                .header("Content-Type", "application/json").build(),
                r -> r.statusCode() == 200 && r.body().contains("\"rating\"") ? null : "status " + r.statusCode());
    }

    private static LoadSummary merged(List<LoadReport> reports) {
        List<io.jenkins.plugins.mlops.core.deploy.load.RequestOutcome> all = new ArrayList<>();
        double seconds = 0;
        for (LoadReport r : reports) {
            all.addAll(r.outcomes());
            seconds += r.summary().total() / Math.max(1e-9, r.summary().achievedRatePerSecond());
        }
        return LoadSummary.of(all, seconds);
    }

    private static String[] row(String phase, LoadSummary s) {
        return new String[] {phase, Integer.toString(s.total()), Integer.toString(s.failed()),
            String.format(Locale.ROOT, "%.2f", s.p50Millis()), String.format(Locale.ROOT, "%.2f", s.p99Millis())};
    }
}
