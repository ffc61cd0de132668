package io.jenkins.plugins.mlops.cli.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a directory on 127.0.0.1 (a free port) twice: under {@code /csp/} with the Content-Security-Policy Jenkins
 * sends with archived files, and under {@code /plain/} without any, where a script that escaped the escaping would run.
 */
final class CspFileServer implements AutoCloseable {

    /** What Jenkins 2.479 sends with archived artifacts and workspace files (hudson.model.DirectoryBrowserSupport.CSP). */
    static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    private final HttpServer server;
    private final Path root;

    CspFileServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/csp/", ex -> serve(ex, "/csp/", true));
        server.createContext("/plain/", ex -> serve(ex, "/plain/", false));
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/csp/name} or {@code .../plain/name}. */
    String url(String name, boolean csp) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (csp ? "/csp/" : "/plain/") + name;
    }

    private void serve(HttpExchange ex, String prefix, boolean csp) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring(prefix.length());
            Path file = root.resolve(name).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String type = name.endsWith(".css") ? "text/css; charset=utf-8"
                    : name.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (csp) {
                ex.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
