package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a service is on the Docker host right now, read from container labels alone: its proxy, its state
 * container (which deployment serves, which is kept for a rollback and until when), and every set of replicas
 * there is. Anything that is neither serving nor a kept previous deployment is stale: left by a deployment that
 * died half-way, or kept past its time.
 */
final class ServiceState {

    private final String service;
    private final Container proxy;
    private final Container state;
    private final Map<String, ReplicaSet> deployments;

    private ServiceState(String service, Container proxy, Container state, Map<String, ReplicaSet> deployments) {
        this.service = service;
        this.proxy = proxy;
        this.state = state;
        this.deployments = deployments;
    }

    static ServiceState read(DockerClient docker, String service) {
        Map<String, String> filter = Map.of(DeployLabels.SERVICE, service);
        Container proxy = null;
        Container state = null;
        Map<String, List<Container>> groups = new LinkedHashMap<>();
        for (Container c : LabelledContainers.find(docker, filter)) {
            String role = LabelledContainers.label(c, DeployLabels.ROLE);
            if (DeployLabels.ROLE_PROXY.equals(role)) {
                proxy = c;
            } else if (DeployLabels.ROLE_STATE.equals(role)) {
                state = c;
            } else if (DeployLabels.ROLE_REPLICA.equals(role)) {
                String id = LabelledContainers.label(c, DeployLabels.DEPLOYMENT);
                groups.computeIfAbsent(id == null ? "?" : id, k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, ReplicaSet> deployments = new LinkedHashMap<>();
        groups.forEach((id, cs) -> deployments.put(id, ReplicaSet.of(id, cs)));
        return new ServiceState(service, proxy, state, deployments);
    }

    String service() {
        return service;
    }

    /** The proxy container, or null when there is none (never deployed, or removed by hand). */
    Container proxy() {
        return proxy;
    }

    boolean proxyRunning() {
        return proxy != null && "running".equals(proxy.getState());
    }

    /** The proxy's stable endpoint, {@code bind:port}, or null without a proxy. */
    String endpoint() {
        return proxy == null ? null : LabelledContainers.label(proxy, DeployLabels.ENDPOINT);
    }

    /** The deployment that serves, or null. */
    ReplicaSet active() {
        return state == null ? null : deployments.get(LabelledContainers.label(state, DeployLabels.ACTIVE));
    }

    /** The deployment kept for a rollback, or null (none, or its time is over at {@code now}). */
    ReplicaSet previous(Instant now) {
        if (state == null) {
            return null;
        }
        Instant until = previousUntil();
        if (until == null || now.isAfter(until)) {
            return null;
        }
        return deployments.get(LabelledContainers.label(state, DeployLabels.PREVIOUS));
    }

    Instant previousUntil() {
        String v = state == null ? null : LabelledContainers.label(state, DeployLabels.PREVIOUS_UNTIL);
        try {
            return v == null ? null : Instant.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every replica set that is neither active nor a kept previous one at {@code now}. */
    List<ReplicaSet> stale(Instant now) {
        ReplicaSet active = active();
        ReplicaSet previous = previous(now);
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet r : deployments.values()) {
            if (!isSame(r, active) && !isSame(r, previous)) {
                out.add(r);
            }
        }
        return out;
    }

    List<ReplicaSet> all() {
        return List.copyOf(deployments.values());
    }

    Container stateContainer() {
        return state;
    }

    boolean isEmpty() {
        return proxy == null && state == null && deployments.isEmpty();
    }

    private static boolean isSame(ReplicaSet a, ReplicaSet b) {
        return a != null && b != null && Objects.equals(a.deploymentId(), b.deploymentId());
    }
}
