package io.jenkins.plugins.mlops.core.deploy.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The commands mlDeploy gives a running HAProxy through its runtime API: add a replica (health-checked, no traffic
 * yet), switch traffic, remove a replica, read the per-replica counters. Nothing here reloads the proxy, so no
 * connection is ever dropped by a change.
 */
public final class HaproxyRuntime {

    /** What HAProxy 2.6 answers to the commands used here when they work (the others answer nothing). */
    private static final Set<String> SUCCESS = Set.of("New server registered.", "Server deleted.");
    /** Server names are container names; HAProxy allows these characters in names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
    /** HAProxy refuses to delete a server that still holds (idle) connections; they close within moments. */
    private static final int DELETE_ATTEMPTS = 20;
    private static final long DELETE_RETRY_MILLIS = 100;

    private final AdminSocket socket;

    public HaproxyRuntime(AdminSocket socket) {
        this.socket = socket;
    }

    /**
     * Adds a replica with health checks on and in {@code drain} state: the proxy checks it, but sends it nothing
     * until {@link #switchTraffic} makes it ready.
     */
    public void add(HaproxyConfig.Server server) throws IOException, InterruptedException {
        String s = server(server.name());
        run("add server " + s + " 127.0.0.1:" + server.port() + " " + HaproxyConfig.CHECK
                + "; enable health " + s + "; set server " + s + " state drain");
    }

    /**
     * Makes {@code ready} receive new requests and, in the same command line, {@code drain} stop receiving them.
     * Ready comes first, so there is no moment without a replica in rotation; requests in flight on a drained
     * replica finish there.
     */
    public void switchTraffic(List<String> ready, List<String> drain) throws IOException, InterruptedException {
        List<String> commands = new ArrayList<>();
        ready.forEach(n -> commands.add("set server " + server(n) + " state ready"));
        drain.forEach(n -> commands.add("set server " + server(n) + " state drain"));
        if (!commands.isEmpty()) {
            run(String.join("; ", commands));
        }
    }

    /** Takes a replica out of the proxy for good: maintenance, its sessions closed, then deleted. */
    public void remove(String name) throws IOException, InterruptedException {
        String s = server(name);
        run("set server " + s + " state maint; shutdown sessions server " + s);
        for (int attempt = 1; ; attempt++) {
            String answer = socket.send("del server " + s).strip();
            if (answer.equals("Server deleted.") || answer.startsWith("No such server")) {
                return;
            }
            if (attempt >= DELETE_ATTEMPTS) {
                throw new ProxyException("The proxy did not delete server " + name + ": " + answer);
            }
            Thread.sleep(DELETE_RETRY_MILLIS);
        }
    }

    /** Every replica of the backend with its state and counters, in the proxy's order. */
    public List<ProxyServer> servers() throws IOException, InterruptedException {
        return parseStat(socket.send("show stat"));
    }

    /** The replicas by name. */
    public Map<String, ProxyServer> serversByName() throws IOException, InterruptedException {
        Map<String, ProxyServer> out = new HashMap<>();
        servers().forEach(s -> out.put(s.name(), s));
        return out;
    }

    /** Reads {@code show stat}'s CSV: a {@code # } header naming the columns, one line per proxy and server. */
    static List<ProxyServer> parseStat(String csv) throws ProxyException {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            throw new ProxyException("The proxy's statistics were not CSV: " + abbreviate(csv));
        }
        List<String> header = List.of(lines.get(0).substring(2).split(",", -1));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        List<ProxyServer> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String pxname = field(f, col, "pxname");
            String svname = field(f, col, "svname");
            if (!HaproxyConfig.BACKEND.equals(pxname) || svname.equals("BACKEND") || svname.equals("FRONTEND")) {
                continue;
            }
            out.add(new ProxyServer(svname, field(f, col, "addr"), field(f, col, "status"),
                    field(f, col, "check_status"), number(f, col, "scur"), number(f, col, "stot"),
                    number(f, col, "hrsp_5xx"), number(f, col, "rtime")));
        }
        return out;
    }

    private void run(String commandLine) throws IOException, InterruptedException {
        String answer = socket.send(commandLine);
        List<String> problems = answer.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !SUCCESS.contains(l)).collect(Collectors.toList());
        if (!problems.isEmpty()) {
            throw new ProxyException("The proxy refused '" + commandLine + "': " + String.join(" ", problems));
        }
    }

    private static String server(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a server name: " + name);
        }
        return HaproxyConfig.BACKEND + "/" + name;
    }

    private static String field(String[] f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= f.length ? "" : f[i];
    }

    private static long number(String[] f, Map<String, Integer> col, String name) {
        String v = field(f, col, name);
        try {
            return v.isEmpty() ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
