package io.jenkins.plugins.mlops.core.deploy.load;

import io.jenkins.plugins.mlops.core.deploy.LoadSummary;
import java.util.List;

/** Every request of one load, in the order they were due, and the figures of any time window of it. */
public final class LoadReport {

    private final List<RequestOutcome> outcomes;
    private final double ratePerSecond;
    private final long sendingNanos;

    LoadReport(List<RequestOutcome> outcomes, double ratePerSecond, long sendingNanos) {
        this.outcomes = List.copyOf(outcomes);
        this.ratePerSecond = ratePerSecond;
        this.sendingNanos = sendingNanos;
    }

    public List<RequestOutcome> outcomes() {
        return outcomes;
    }

    /** The rate the load was asked for. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Figures of every request. */
    public LoadSummary summary() {
        return LoadSummary.of(outcomes, sendingNanos / 1e9);
    }

    /** Figures of the requests due in {@code [fromNanos, toNanos)} (the load's clock, see {@code elapsedNanos}). */
    public LoadSummary window(long fromNanos, long toNanos) {
        List<RequestOutcome> in = outcomes.stream()
                .filter(o -> o.scheduledNanos() >= fromNanos && o.scheduledNanos() < toNanos).toList();
        return LoadSummary.of(in, Math.max(0, Math.min(toNanos, sendingNanos) - fromNanos) / 1e9);
    }

    /** The requests that failed, in order. */
    public List<RequestOutcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }
}
