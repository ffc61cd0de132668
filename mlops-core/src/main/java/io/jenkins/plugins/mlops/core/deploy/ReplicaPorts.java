package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Chooses each replica's loopback port: one no other replica of any service is labelled with, that nothing listens
 * on now, and below the kernel's ephemeral range (32768 and up on Linux), so that an outgoing connection's local
 * port can never take it while a replica restarts.
 */
final class ReplicaPorts {

    static final int LOW = 20000;
    static final int HIGH = 32767;
    private static final int ATTEMPTS = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<Integer> taken = new HashSet<>();

    /** The ports of every replica on the host (any service, running or not). */
    ReplicaPorts(DockerClient docker) {
        for (Container c : LabelledContainers.find(docker, Map.of(DeployLabels.ROLE, DeployLabels.ROLE_REPLICA))) {
            taken.add(ReplicaSet.intLabel(c, DeployLabels.PORT));
        }
    }

    int next() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = LOW + RANDOM.nextInt(HIGH - LOW + 1);
            if (!taken.contains(port) && free(ServingContract.LISTEN_HOST, port)) {
                taken.add(port);
                return port;
            }
        }
        throw new IOException("No free port for a replica between " + LOW + " and " + HIGH + " on "
                + ServingContract.LISTEN_HOST + " after " + ATTEMPTS + " tries");
    }

    /** Whether {@code bind:port} can be listened on now (from this machine, the Docker host when it is local). */
    static boolean free(String bind, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
