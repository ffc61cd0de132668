package io.jenkins.plugins.mlops.core.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.LoadSummary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real HTTP server on loopback whose answers the test controls. */
class FixedRateLoadTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private volatile int failEvery;
    private volatile long stallMillis;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int n = served.incrementAndGet();
            if (stallMillis > 0) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"n\": " + n + "}").getBytes();
            int status = failEvery > 0 && n % failEvery == 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private FixedRateLoad load() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
        return new FixedRateLoad(client, List.of(LoadTarget.expectingStatus(HttpRequest.newBuilder(uri).build(), 200)));
    }

    @Test
    void sendsExactlyTheRateTimesTheDurationAndCountsEveryAnswer() throws Exception {
        long t0 = System.nanoTime();
        LoadReport report = load().run(FixedRateLoad.Settings.of(100, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        double seconds = (System.nanoTime() - t0) / 1e9;

        LoadSummary s = report.summary();
        assertThat(s.total()).isEqualTo(100);
        assertThat(s.failed()).isZero();
        assertThat(served.get()).isEqualTo(100);
        assertThat(s.achievedRatePerSecond()).isBetween(80.0, 120.0);
        assertThat(s.p50Millis()).isPositive().isLessThanOrEqualTo(s.p99Millis());
        assertThat(s.p99Millis()).isLessThanOrEqualTo(s.maxMillis());
        assertThat(seconds).as("the load ends with its duration").isLessThan(5.0);
        // Due times are evenly spaced at 10 ms.
        assertThat(report.outcomes().get(50).scheduledNanos()).isEqualTo(500_000_000L);
    }

    @Test
    void countsFailedAnswersWithTheirReason() throws Exception {
        failEvery = 4;
        LoadSummary s = load().run(FixedRateLoad.Settings.of(80, Duration.ofMillis(500), Duration.ofSeconds(2))).summary();

        assertThat(s.total()).isEqualTo(40);
        assertThat(s.failed()).isEqualTo(10);
        assertThat(s.errorRate()).isEqualTo(0.25);
        assertThat(s.failures()).containsEntry("status 503", 10);
    }

    @Test
    void aStalledServerShowsAsLatencyFromTheDueTimeAndTheLoadKeepsItsRate() throws Exception {
        stallMillis = 300;
        LoadReport report = load().run(FixedRateLoad.Settings.of(50, Duration.ofMillis(400), Duration.ofSeconds(2)));

        // Open loop: all 20 requests left on time although none had been answered when the last one was due.
        assertThat(report.summary().total()).isEqualTo(20);
        assertThat(report.summary().failed()).isZero();
        assertThat(report.summary().p50Millis()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aRequestWithoutAnswerFailsAfterTheRequestTimeout() throws Exception {
        stallMillis = 3_000;
        long t0 = System.nanoTime();
        LoadSummary s = load().run(FixedRateLoad.Settings.of(10, Duration.ofMillis(200), Duration.ofMillis(300))).summary();

        assertThat(s.total()).isEqualTo(2);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(s.failures().keySet()).allMatch(r -> r.startsWith("HttpTimeoutException"));
        assertThat((System.nanoTime() - t0) / 1e9).as("bounded by the request timeout, not the stall").isLessThan(3.0);
    }

    @Test
    void aRefusedConnectionIsAFailureNotAnError() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        URI uri = URI.create("http://127.0.0.1:" + port + "/x");
        FixedRateLoad load = new FixedRateLoad(client,
                List.of(LoadTarget.expectingStatus(HttpRequest.newBuilder(uri).build(), 200)));

        LoadSummary s = load.run(FixedRateLoad.Settings.of(20, Duration.ofMillis(250), Duration.ofSeconds(1))).summary();

        assertThat(s.total()).isEqualTo(5);
        assertThat(s.failed()).isEqualTo(5);
        assertThat(s.failures().keySet()).allMatch(r -> r.startsWith("ConnectException"));
    }

    @Test
    void stopEndsSendingEarlyAndWindowsSliceByDueTime() throws Exception {
        FixedRateLoad.Running running = load().start(FixedRateLoad.Settings.of(100, Duration.ofSeconds(30), Duration.ofSeconds(2)));
        Thread.sleep(300);
        long mark = running.elapsedNanos();
        Thread.sleep(300);
        running.stop();
        LoadReport report = running.awaitReport();

        int total = report.summary().total();
        assertThat(total).isBetween(30, 90);
        LoadSummary before = report.window(0, mark);
        LoadSummary after = report.window(mark, Long.MAX_VALUE);
        assertThat(before.total() + after.total()).isEqualTo(total);
        assertThat(before.total()).isBetween(15, 45);
    }

    @Test
    void settingsNameTheWrongArgument() {
        assertThatThrownBy(() -> FixedRateLoad.Settings.of(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'rps'");
        assertThatThrownBy(() -> FixedRateLoad.Settings.of(10, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(MlopsArgumentException.class).hasMessageContaining("'duration'");
    }
}
