package io.jenkins.plugins.mlops.core.deploy;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A service as the Docker host and its proxy see it now: what `mlops status` prints and the build's deployment
 * record refers to.
 *
 * @param version         the version that serves, or null when none does
 * @param previousVersion the version kept for an instant rollback, or null
 * @param stale           containers of the service that neither serve nor are kept (the next deployment removes them)
 */
public record ServiceStatus(String service, String model, String endpoint, boolean proxyRunning, Integer version,
                            String deploymentId, String deployedBy, String alias, List<Replica> replicas,
                            Integer previousVersion, Instant previousUntil, int stale) implements Serializable {

    /**
     * One replica that serves.
     *
     * @param state       the container's state ({@code running}, {@code restarting}, {@code exited})
     * @param proxyStatus what the proxy says ({@code UP}, {@code DOWN}, {@code DRAIN}), or {@code unknown}
     */
    public record Replica(String name, int port, String state, String proxyStatus, long requests, long errors5xx,
                          long avgResponseMs) implements Serializable {
    }

    public ServiceStatus {
        replicas = List.copyOf(replicas);
    }

    /** Whether the service answers: its proxy runs and at least one replica is in rotation. */
    public boolean serving() {
        return proxyRunning && replicas.stream().anyMatch(r -> r.proxyStatus().startsWith("UP"));
    }
}
