package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens docker-java clients the way every container workload needs them: httpclient5 transport (the one Jenkins'
 * docker-java-api plugin bundles), no response timeout, a ping first so that a wrong address fails at once.
 */
public final class DockerClients {

    public static final String DOCKER_HOST = "DOCKER_HOST";
    public static final String DOCKER_TLS_VERIFY = "DOCKER_TLS_VERIFY";
    public static final String DOCKER_CERT_PATH = "DOCKER_CERT_PATH";
    public static final String DOCKER_CONFIG = "DOCKER_CONFIG";

    /** Long enough for a remote daemon across a slow link, short enough that a dead address fails the step soon. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Only the ping gets a response timeout: a training run is silent for hours, but an engine that accepts the
     * connection and never answers a ping is as good as absent.
     */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(30);
    /** One run holds a log stream, a wait and a command at once; parallel stages share nothing, so this is plenty. */
    static final int MAX_CONNECTIONS = 20;

    private DockerClients() {
    }

    /**
     * Connects to the Docker Engine the environment names and checks that it answers.
     *
     * @param env variables as the build sees them; {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
     *            {@code DOCKER_CERT_PATH} and {@code DOCKER_CONFIG} are taken from here when present, otherwise
     *            from the process environment or docker-java's defaults (the local socket)
     * @return a client the caller must close
     * @throws ContainerException {@link ContainerFailure#DAEMON_UNREACHABLE} when no engine answers at the address
     */
    public static DockerClient connect(Map<String, String> env) throws ContainerException {
        DockerClientConfig config = config(env);
        String address = String.valueOf(config.getDockerHost());
        ping(config, address);
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECTION_TIMEOUT)
                .maxConnections(MAX_CONNECTIONS)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /**
     * The variables of {@code env} that {@link #connect} reads, and no others: what a build on an agent hands over
     * so the agent reaches the engine the build names, without the rest of the build's environment (tokens set by
     * withCredentials for other tools, say) leaving the controller.
     */
    public static HashMap<String, String> connectionVariables(Map<String, String> env) {
        HashMap<String, String> out = new HashMap<>();
        for (String key : List.of(DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONFIG)) {
            String v = env == null ? null : env.get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    static DockerClientConfig config(Map<String, String> env) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        Map<String, String> vars = env == null ? Map.of() : env;
        if (present(vars, DOCKER_HOST)) {
            builder.withDockerHost(vars.get(DOCKER_HOST));
        }
        if (present(vars, DOCKER_TLS_VERIFY)) {
            builder.withDockerTlsVerify(vars.get(DOCKER_TLS_VERIFY));
        }
        if (present(vars, DOCKER_CERT_PATH)) {
            builder.withDockerCertPath(vars.get(DOCKER_CERT_PATH));
        }
        if (present(vars, DOCKER_CONFIG)) {
            builder.withDockerConfig(vars.get(DOCKER_CONFIG));
        }
        return builder.build();
    }

    private static void ping(DockerClientConfig config, String address) throws ContainerException {
        try (DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECTION_TIMEOUT)
                .responseTimeout(PING_TIMEOUT)
                .maxConnections(1)
                .build();
             DockerClient probe = DockerClientImpl.getInstance(config, http)) {
            probe.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            throw new ContainerException(ContainerFailure.DAEMON_UNREACHABLE,
                    "No Docker Engine answered at " + address + " (set DOCKER_HOST to the engine's address): "
                            + rootMessage(e), e);
        }
    }

    private static boolean present(Map<String, String> vars, String key) {
        String v = vars.get(key);
        return v != null && !v.isBlank();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
