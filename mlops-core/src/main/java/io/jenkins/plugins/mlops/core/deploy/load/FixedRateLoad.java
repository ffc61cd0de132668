package io.jenkins.plugins.mlops.core.deploy.load;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: requests leave at a fixed rate whether or not earlier ones have been answered, as real
 * clients do, so a slow or stalled server shows as latency and failures instead of slowing the load down (a
 * closed-loop tool such as wrk hides exactly the stall a traffic switch could cause). Every request's outcome is
 * kept, so a caller can count the failures of any time window, for example the seconds of a deployment.
 *
 * <p>Bounded in both count and time: at most {@link Settings#maxRequests()} requests, none scheduled after
 * {@link Settings#duration()}, and every request given up after {@link Settings#requestTimeout()}.
 */
public final class FixedRateLoad {

    /**
     * How much load.
     *
     * @param ratePerSecond  requests per second, more than 0 and at most {@value #MAX_RATE}
     * @param duration       how long requests are sent for
     * @param maxRequests    a hard cap on the count
     * @param requestTimeout how long one request may take before it counts as failed
     */
    public record Settings(double ratePerSecond, Duration duration, int maxRequests, Duration requestTimeout) {
        public static final double MAX_RATE = 10_000;

        public Settings {
            if (!(ratePerSecond > 0) || ratePerSecond > MAX_RATE) {
                throw new MlopsArgumentException("rps", "must be more than 0 and at most " + (int) MAX_RATE
                        + ", got " + ratePerSecond);
            }
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (duration.isNegative() || duration.isZero()) {
                throw new MlopsArgumentException("duration", "must be longer than zero");
            }
            if (maxRequests < 1) {
                throw new MlopsArgumentException("maxRequests", "must be at least 1");
            }
        }

        /** As many requests as the rate gives over the duration, at least one. */
        public static Settings of(double ratePerSecond, Duration duration, Duration requestTimeout) {
            long count = (long) Math.ceil(ratePerSecond * duration.toNanos() / 1e9);
            return new Settings(ratePerSecond, duration, (int) Math.max(1, Math.min(Integer.MAX_VALUE, count)),
                    requestTimeout);
        }
    }

    private final HttpClient client;
    private final List<LoadTarget> targets;

    /** @param targets sent in turn, the first one first */
    public FixedRateLoad(HttpClient client, List<LoadTarget> targets) {
        this.client = Objects.requireNonNull(client, "client");
        this.targets = List.copyOf(targets);
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a load needs at least one request");
        }
    }

    /** Sends the whole load and waits for every answer. */
    public LoadReport run(Settings settings) throws InterruptedException {
        return start(settings).awaitReport();
    }

    /** Starts sending on a thread of its own; the caller stops it early or waits for its end. */
    public Running start(Settings settings) {
        Running running = new Running(settings);
        running.thread.start();
        return running;
    }

    /** A load that is being sent. */
    public final class Running {
        private final Settings settings;
        private final Thread thread;
        private final long startNanos = System.nanoTime();
        private final AtomicReferenceArray<RequestOutcome> outcomes;
        private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        private volatile boolean stopped;
        private volatile int sent;
        private volatile long sendingEndedNanos;

        private Running(Settings settings) {
            this.settings = settings;
            this.outcomes = new AtomicReferenceArray<>(settings.maxRequests());
            this.thread = new Thread(this::send, "mlops-load-" + Long.toHexString(startNanos & 0xffffff));
            this.thread.setDaemon(true);
        }

        /** Nanoseconds since the load started: the clock of {@link RequestOutcome#scheduledNanos()}. */
        public long elapsedNanos() {
            return System.nanoTime() - startNanos;
        }

        /** Sends no further request; those already sent still finish. */
        public void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        /** Waits until sending has ended (by its bounds or {@link #stop()}) and every request has its outcome. */
        public LoadReport awaitReport() throws InterruptedException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                stop();
                throw e;
            }
            CompletableFuture<?>[] all;
            synchronized (inFlight) {
                all = inFlight.toArray(new CompletableFuture<?>[0]);
            }
            try {
                // Each request ends by its own timeout; the margin only covers the client's bookkeeping.
                CompletableFuture.allOf(all).get(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Outcomes are recorded by each request itself; a request still open counts as failed below.
            }
            List<RequestOutcome> list = new ArrayList<>(sent);
            long now = elapsedNanos();
            for (int i = 0; i < sent; i++) {
                RequestOutcome o = outcomes.get(i);
                list.add(o != null ? o : new RequestOutcome(scheduled(i), now - scheduled(i), -1, "no answer"));
            }
            return new LoadReport(list, settings.ratePerSecond(), sendingEndedNanos);
        }

        private long scheduled(int i) {
            return (long) (i * 1e9 / settings.ratePerSecond());
        }

        private void send() {
            long limit = settings.duration().toNanos();
            for (int i = 0; i < settings.maxRequests() && !stopped; i++) {
                long due = scheduled(i);
                if (due >= limit) {
                    break;
                }
                long wait;
                while (!stopped && (wait = due - elapsedNanos()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (stopped) {
                    break;
                }
                fire(i, due);
                sent = i + 1;
            }
            sendingEndedNanos = elapsedNanos();
        }

        private void fire(int i, long due) {
            LoadTarget target = targets.get(i % targets.size());
            HttpRequest request = HttpRequest.newBuilder(target.request(), (name, value) -> true)
                    .timeout(settings.requestTimeout()).build();
            CompletableFuture<Void> f = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        long latency = elapsedNanos() - due;
                        if (error != null) {
                            outcomes.set(i, new RequestOutcome(due, latency, -1, describe(error)));
                        } else {
                            String failure;
                            try {
                                failure = target.check().failure(response);
                            } catch (RuntimeException e) {
                                failure = "check failed: " + e;
                            }
                            outcomes.set(i, new RequestOutcome(due, latency, response.statusCode(), failure));
                        }
                        return null;
                    });
            synchronized (inFlight) {
                inFlight.removeIf(CompletableFuture::isDone);
                inFlight.add(f);
            }
        }
    }

    /**
     * The failure's type and the first message found below it: {@code ConnectException: Connection refused}
     * ({@code CompletionException} wrappers are skipped; the JDK's client often leaves the message to a cause).
     */
    public static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String message = null;
        for (Throwable c = t; c != null && message == null; c = c.getCause() == c ? null : c.getCause()) {
            message = c.getMessage();
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
