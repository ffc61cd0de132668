package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * A deployment checks its new replicas (health, smoke tests, load test) on their loopback ports before it switches
 * traffic, and the replicas use the Docker host's network: so the Docker Engine must be the deploying machine's
 * own. A {@code DOCKER_HOST} that names another machine is refused before anything starts, instead of every check
 * timing out against this machine's loopback after the replicas were started over there.
 */
public final class ServingHost {

    private ServingHost() {
    }

    /**
     * @param env the variables the Docker connection is made from
     * @throws MlopsArgumentException naming {@code DOCKER_HOST} when it is a {@code tcp://} or {@code ssh://}
     *                                address of a host that is not this machine
     */
    public static void requireLocal(Map<String, String> env) {
        String dockerHost = env.get(DockerClients.DOCKER_HOST);
        if (dockerHost == null || dockerHost.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = URI.create(dockerHost.trim());
        } catch (IllegalArgumentException e) {
            return; // not an address this check understands; connecting says what is wrong with it
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("tcp") && !scheme.equals("ssh") && !scheme.equals("http") && !scheme.equals("https")) {
            return; // unix://, npipe://: this machine's own engine
        }
        String host = uri.getHost();
        if (host == null || isThisMachine(host)) {
            return;
        }
        throw new MlopsArgumentException(DockerClients.DOCKER_HOST, "'" + dockerHost + "' is another machine's"
                + " Docker Engine; a deployment checks its new replicas on this machine's loopback before it switches"
                + " traffic, so it must run on the machine whose engine serves the model (in Jenkins: inside a node"
                + " block on that agent, without DOCKER_HOST, or with DOCKER_HOST naming this machine)");
    }

    /** Loopback, or an address of one of this machine's interfaces (looked up without sending anything). */
    static boolean isThisMachine(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return true; // unresolvable: connecting fails and says so; this check stays out of the way
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
                return true;
            }
            try {
                if (NetworkInterface.getByInetAddress(a) != null) {
                    return true;
                }
            } catch (SocketException e) {
                return true;
            }
        }
        return false;
    }
}
