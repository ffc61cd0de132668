package io.jenkins.plugins.mlops.core.deploy.proxy;

/**
 * One replica as the proxy sees it ({@code show stat}): its name (the replica's container name), address, state
 * and counters.
 *
 * @param name          the server's name in the proxy
 * @param address       {@code 127.0.0.1:port}
 * @param status        {@code UP}, {@code DOWN}, {@code DRAIN}, {@code MAINT}, {@code no check}, possibly with a
 *                      transition suffix such as {@code UP 1/2}
 * @param checkStatus   the last health check's result ({@code L7OK}, {@code L4CON}, ...), empty before the first
 * @param sessions      requests being served now
 * @param totalSessions requests served so far
 * @param responses5xx  5xx answers so far
 * @param responseMillis average response time over the last 1024 requests
 */
public record ProxyServer(String name, String address, String status, String checkStatus, long sessions,
                          long totalSessions, long responses5xx, long responseMillis) {

    /** Whether the proxy sends it new requests: up and ready. */
    public boolean inRotation() {
        return status.startsWith("UP");
    }

    /** Whether its health checks pass, whether or not it gets traffic (a drained replica is still checked). */
    public boolean healthy() {
        return (status.startsWith("UP") || status.startsWith("DRAIN")) && checkStatus.startsWith("L7OK");
    }

    public boolean drained() {
        return status.startsWith("DRAIN");
    }
}
