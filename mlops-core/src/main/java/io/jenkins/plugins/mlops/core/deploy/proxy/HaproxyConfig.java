package io.jenkins.plugins.mlops.core.deploy.proxy;

import java.util.List;
import java.util.Objects;

/**
 * The HAProxy configuration of one service's proxy: a frontend on the stable endpoint and one backend of replicas,
 * each health-checked. It is written into the proxy container when the container is created and rewritten after
 * every switch, so that a proxy that restarts (a crash, a Docker daemon restart) serves the same replicas; the
 * switches themselves go through the runtime API, without a reload.
 */
public final class HaproxyConfig {

    /** The runtime API: a unix socket inside the proxy container, never a TCP port. */
    public static final String ADMIN_SOCKET = "/run/mlops/admin.sock";
    public static final String CONFIG_DIR = "/etc/mlops-proxy";
    public static final String CONFIG_FILE = CONFIG_DIR + "/haproxy.cfg";
    public static final String BACKEND = "replicas";
    public static final String FRONTEND = "stable";
    /**
     * How each replica is checked while it serves: twice a second, out of rotation after two failures, back after
     * one success. The same arguments are given to servers added at run time, which do not inherit
     * {@code default-server}.
     */
    public static final String CHECK = "check inter 500ms fastinter 100ms downinter 500ms fall 2 rise 1";

    /** A replica the proxy sends requests to. */
    public record Server(String name, int port) {
        public Server {
            Objects.requireNonNull(name, "name");
        }
    }

    private final String bind;
    private final int port;
    private final String healthPath;
    private final List<Server> servers;

    public HaproxyConfig(String bind, int port, String healthPath, List<Server> servers) {
        this.bind = Objects.requireNonNull(bind, "bind");
        this.port = port;
        this.healthPath = Objects.requireNonNull(healthPath, "healthPath");
        this.servers = List.copyOf(servers);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("# Written by mlDeploy; rewritten after every switch (servers are changed through the runtime API).\n");
        b.append("global\n");
        b.append("    stats socket ").append(ADMIN_SOCKET).append(" mode 600 level admin\n");
        b.append("    stats timeout 30s\n");
        b.append("    maxconn 4096\n");
        b.append("    log stdout format raw local0 notice\n");
        b.append("defaults\n");
        b.append("    mode http\n");
        b.append("    log global\n");
        b.append("    option dontlognull\n");
        b.append("    timeout connect 2s\n");
        b.append("    timeout client 60s\n");
        b.append("    timeout server 60s\n");
        b.append("    timeout http-request 10s\n");
        b.append("    timeout http-keep-alive 30s\n");
        // A request whose replica went away before it answered is sent again to another one: a refused or
        // reset connection was never processed, and an empty answer means the replica died on it.
        b.append("    retries 3\n");
        b.append("    option redispatch 1\n");
        b.append("    retry-on conn-failure empty-response\n");
        b.append("frontend ").append(FRONTEND).append('\n');
        b.append("    bind ").append(bindAddress()).append(':').append(port).append('\n');
        b.append("    default_backend ").append(BACKEND).append('\n');
        b.append("backend ").append(BACKEND).append('\n');
        b.append("    balance roundrobin\n");
        // Requests of any client may share an idle connection to a replica: a model server answers each request on
        // its own, and opening a connection per new client costs a handshake (and a SYN that a full backlog drops
        // costs a second).
        b.append("    http-reuse always\n");
        b.append("    option httpchk\n");
        b.append("    http-check send meth GET uri ").append(healthPath).append(" ver HTTP/1.1 hdr Host localhost\n");
        b.append("    http-check expect status 200\n");
        for (Server s : servers) {
            b.append("    server ").append(s.name()).append(" 127.0.0.1:").append(s.port()).append(' ').append(CHECK)
                    .append('\n');
        }
        return b.toString();
    }

    /** IPv6 addresses are written in brackets in a bind line. */
    private String bindAddress() {
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
