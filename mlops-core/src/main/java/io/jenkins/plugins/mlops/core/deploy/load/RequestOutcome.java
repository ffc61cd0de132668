package io.jenkins.plugins.mlops.core.deploy.load;

/**
 * What happened to one request of a load.
 *
 * @param scheduledNanos when it was due, counted from the start of the load
 * @param latencyNanos   from when it was due (not when it was sent: a generator that falls behind must not hide the
 *                       wait) to its answer or failure
 * @param status         the HTTP status, or -1 when there was no answer
 * @param failure        null for a success, otherwise why it failed ({@code "status 503"}, {@code "ConnectException:
 *                       Connection refused"})
 */
public record RequestOutcome(long scheduledNanos, long latencyNanos, int status, String failure) {

    public boolean ok() {
        return failure == null;
    }

    public double latencyMillis() {
        return latencyNanos / 1e6;
    }
}
