package io.jenkins.plugins.mlops.core.registry;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real CNCF distribution registry (Debian's {@code docker-registry}) on 127.0.0.1 with filesystem storage in a
 * temporary directory and htpasswd (bcrypt) authentication. Register as a static JUnit extension field; also
 * usable on its own ({@link #start()} / {@link #close()}) by the benchmark. Fails, never skips, when the binaries
 * are missing: install the Debian packages {@code docker-registry} and {@code apache2-utils}.
 */
public final class DistributionRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String USER = "mlops-ci";

    private final String password = "pw-" + UUID.randomUUID();
    private TokenServer tokenServer;
    private final boolean tokenAuth;
    private Path dir;
    private Process process;
    private int port;

    /** A registry with htpasswd (Basic) authentication. */
    public DistributionRegistry() {
        this(false);
    }

    private DistributionRegistry(boolean tokenAuth) {
        this.tokenAuth = tokenAuth;
    }

    /** A registry that sends Bearer challenges and trusts the tokens of its own {@link TokenServer}. */
    public static DistributionRegistry withTokenAuth() {
        return new DistributionRegistry(true);
    }

    /** The token service of a {@link #withTokenAuth()} registry. */
    public TokenServer tokenServer() {
        return tokenServer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public DistributionRegistry start() throws IOException, InterruptedException {
        String registryBin = require("docker-registry");
        String htpasswdBin = require("htpasswd");
        dir = Files.createTempDirectory("mlops-distribution-");
        Process hp = new ProcessBuilder(htpasswdBin, "-Bbn", USER, password).redirectErrorStream(true).start();
        byte[] htpasswd = hp.getInputStream().readAllBytes();
        if (hp.waitFor() != 0) {
            throw new IllegalStateException("htpasswd failed: " + new String(htpasswd, StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("htpasswd"), htpasswd);
        port = freePort();
        String auth;
        if (tokenAuth) {
            try {
                tokenServer = new TokenServer(USER, password);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the token service", e);
            }
            auth = String.join("\n",
                    "auth:",
                    "  token:",
                    "    realm: " + tokenServer.realm(),
                    "    service: " + TokenServer.SERVICE,
                    "    issuer: " + TokenServer.ISSUER,
                    "    rootcertbundle: " + tokenServer.certBundle());
        } else {
            auth = String.join("\n",
                    "auth:",
                    "  htpasswd:",
                    "    realm: mlops-test",
                    "    path: " + dir.resolve("htpasswd"));
        }
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                auth,
                ""));
        process = new ProcessBuilder(registryBin, "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        awaitChallenge();
        return this;
    }

    /** {@code oci://127.0.0.1:<port>/<prefix>}. */
    public String location(String prefix) {
        return "oci://127.0.0.1:" + port + "/" + prefix;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    public RegistryCredentials credentials() {
        return new RegistryCredentials(USER, password);
    }

    /** The environment a client needs: {@code MLOPS_REGISTRY_USERNAME} and {@code MLOPS_REGISTRY_PASSWORD}. */
    public Map<String, String> env() {
        return Map.of(RegistryCredentials.USERNAME_ENV, USER, RegistryCredentials.PASSWORD_ENV, password);
    }

    /** Where the registry stores a blob on disk (to damage it on purpose). */
    public Path blobFile(String digest) {
        String hex = Digests.hex(digest);
        return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /**
     * The registry's access log so far, one line per answered request: method, path with query, status, e.g.
     * {@code "PUT /v2/ml/m/blobs/uploads/<id>?_state=...&digest=sha256%3A... HTTP/1.1" 201}. Tests count uploads
     * with it.
     */
    public List<String> accessLog() throws IOException {
        try (var lines = Files.lines(dir.resolve("registry.log"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(" HTTP/1.1\" ")).toList();
        }
    }

    /**
     * The upload sessions of a repository that still hold received bytes. Committed and deleted sessions hold none;
     * distribution 2.8 leaves a stray hash-state file behind a deleted session, which holds no content.
     */
    public List<String> uploadsHoldingData(String repo) throws IOException {
        Path uploads = dir.resolve("data/docker/registry/v2/repositories").resolve(repo).resolve("_uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (var list = Files.list(uploads)) {
            return list.filter(p -> Files.exists(p.resolve("data"))).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
        if (tokenServer != null) {
            tokenServer.close();
            tokenServer = null;
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            dir = null;
        }
    }

    private void awaitChallenge() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        URI v2 = URI.create("http://127.0.0.1:" + port + "/v2/");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) v2.toURL().openConnection();
                c.setConnectTimeout(500);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("docker-registry did not answer 401 on " + v2 + " within 30 s: "
                + Files.readString(dir.resolve("registry.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String require(String binary) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(p, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String p : new String[] {"/usr/bin", "/usr/sbin"}) {
            Path candidate = Path.of(p, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(binary + " is not installed; the registry tests need a real registry:"
                + " apt-get install docker-registry apache2-utils");
    }
}
