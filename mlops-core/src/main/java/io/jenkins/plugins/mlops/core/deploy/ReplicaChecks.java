package io.jenkins.plugins.mlops.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.deploy.load.FixedRateLoad;
import io.jenkins.plugins.mlops.core.deploy.load.LoadTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks a new replica passes before it gets traffic, made with real HTTP requests straight to its port:
 * health within a time limit, every smoke test, and optionally a load test. Replicas listen on the Docker host's
 * loopback, so these requests come from the machine that runs the deployment.
 */
final class ReplicaChecks {

    /** Health is polled this often until it answers 200. */
    static final Duration POLL = Duration.ofMillis(100);
    /** One health or smoke request may take this long; a server that takes longer is not ready. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Says why a replica cannot become healthy any more (its container exited), or null while it runs. */
    @FunctionalInterface
    interface Liveness {
        String whyDead() throws IOException, InterruptedException;
    }

    /** Raised when a check fails; the message says which and why. */
    static final class CheckFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String host;

    ReplicaChecks(HttpClient http, String host) {
        this.http = http;
        this.host = host;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Waits until the replica answers {@code path} with 200, up to {@code timeout}.
     *
     * @return milliseconds from the call to the first 200
     */
    double awaitHealthy(int port, String path, Duration timeout, Liveness liveness)
            throws CheckFailed, IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri(port, path)).timeout(REQUEST_TIMEOUT).GET().build();
        String last = "no answer yet";
        while (true) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return (System.nanoTime() - start) / 1e6;
                }
                last = "status " + r.statusCode();
            } catch (HttpTimeoutException e) {
                last = "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
            } catch (IOException e) {
                last = FixedRateLoad.describe(e);
            }
            String dead = liveness.whyDead();
            if (dead != null) {
                throw new CheckFailed("the server " + dead + " before " + path + " answered 200 (last: " + last + ")");
            }
            if (System.nanoTime() >= deadline) {
                throw new CheckFailed(path + " did not answer 200 within " + human(timeout) + " (last: " + last + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Sends every smoke test once to the replica; the results say which passed. */
    List<SmokeResult> smoke(int replica, int port, List<SmokeTest> tests) throws InterruptedException {
        List<SmokeResult> out = new ArrayList<>();
        for (SmokeTest t : tests) {
            HttpRequest request = request(port, t).timeout(REQUEST_TIMEOUT).build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                String failure = check(t, r);
                if (failure == null && t.maxLatencyMs() != null && ms > t.maxLatencyMs()) {
                    failure = String.format(Locale.ROOT, "took %.1f ms, more than maxLatencyMs %s", ms,
                            trim(t.maxLatencyMs()));
                }
                out.add(new SmokeResult(t.describe(), replica, r.statusCode(), ms, failure));
            } catch (IOException e) {
                out.add(new SmokeResult(t.describe(), replica, -1, (System.nanoTime() - t0) / 1e6,
                        e instanceof HttpTimeoutException ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                                : FixedRateLoad.describe(e)));
            }
        }
        return out;
    }

    /** The smoke tests at a fixed rate, spread over the replicas' ports. */
    LoadSummary load(List<Integer> ports, List<SmokeTest> tests, LoadTestSpec spec) throws InterruptedException {
        List<LoadTarget> targets = new ArrayList<>();
        for (SmokeTest t : tests) {
            for (int port : ports) {
                targets.add(new LoadTarget(request(port, t).build(), r -> check(t, r)));
            }
        }
        FixedRateLoad.Settings settings = FixedRateLoad.Settings.of(spec.rps(), spec.duration(), REQUEST_TIMEOUT);
        return new FixedRateLoad(http, targets).run(settings).summary();
    }

    /** Why an answer does not satisfy the test, or null. */
    static String check(SmokeTest t, HttpResponse<String> r) {
        if (r.statusCode() != t.expectStatus()) {
            return "status " + r.statusCode() + " instead of " + t.expectStatus() + snippet(r.body());
        }
        if (t.expectBody() != null && !r.body().contains(t.expectBody())) {
            return "the answer does not contain '" + t.expectBody() + "'" + snippet(r.body());
        }
        if (t.expectField() != null) {
            JsonNode node;
            try {
                node = JSON.readTree(r.body());
            } catch (IOException e) {
                return "the answer is not JSON, so it has no field '" + t.expectField() + "'" + snippet(r.body());
            }
            for (String part : t.expectField().split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null || node.isNull()) {
                return "the answer has no field '" + t.expectField() + "'" + snippet(r.body());
            }
        }
        return null;
    }

    private HttpRequest.Builder request(int port, SmokeTest t) {
        HttpRequest.BodyPublisher body = t.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(t.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(port, t.path())).method(t.method(), body);
        if (t.body() != null) {
            b.header("Content-Type", t.contentType());
        }
        return b;
    }

    private URI uri(int port, String path) {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? s / 60 + " min" : d.toMillis() % 1000 == 0 ? s + " s" : d.toMillis() + " ms";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
