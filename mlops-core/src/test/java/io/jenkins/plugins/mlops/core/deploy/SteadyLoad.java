package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.deploy.load.FixedRateLoad;
import io.jenkins.plugins.mlops.core.deploy.load.LoadReport;
import io.jenkins.plugins.mlops.core.deploy.load.LoadTarget;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * Bounded, steady requests to a stable endpoint while a test changes what serves it: at most {@link #MAX_SECONDS},
 * at a fixed rate, every request's outcome kept. Started before the change, stopped after it.
 */
final class SteadyLoad implements AutoCloseable {

    static final double RATE = 50;
    static final int MAX_SECONDS = 60;

    private final FixedRateLoad.Running running;

    private SteadyLoad(FixedRateLoad.Running running) {
        this.running = running;
    }

    /** POST /predict to {@code port}, answered 200 by every version of the test server. */
    static SteadyLoad start(int port) {
        HttpRequest predict = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": 1, \"movie\": 10}"))
                .header("Content-Type", "application/json").build();
        FixedRateLoad load = new FixedRateLoad(DeployTestEngine.HTTP, List.of(LoadTarget.expectingStatus(predict, 200)));
        return new SteadyLoad(load.start(FixedRateLoad.Settings.of(RATE, Duration.ofSeconds(MAX_SECONDS),
                Duration.ofSeconds(10))));
    }

    /** Stops sending, waits for the last answers. */
    LoadReport stop() throws InterruptedException {
        running.stop();
        return running.awaitReport();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
