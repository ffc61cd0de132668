package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerLock;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.RunResources;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyRuntime;
import io.jenkins.plugins.mlops.core.deploy.proxy.ProxyServer;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Deploys registered model versions as services on a Docker host (docs/serving-contract.md): gated, verified
 * directly, switched without a dropped request through a HAProxy proxy per service, with the previous version
 * kept for an instant rollback. Everything it knows about a service is on the Docker host, in container labels,
 * so any build, controller or the CLI can continue where another left off. Thread-safe; deployments of one
 * service exclude each other through a lock on the Docker host itself.
 */
public final class Deployer {

    /** Environment variable naming another proxy image (one built like scripts/docker-env.sh builds the default). */
    public static final String PROXY_IMAGE_VARIABLE = "MLOPS_PROXY_IMAGE";

    private final DockerClient docker;
    private final String proxyImage;
    private final HttpClient http = ReplicaChecks.newClient();

    public Deployer(DockerClient docker) {
        this(docker, null);
    }

    /** @param proxyImage the HAProxy image to run; null for {@code mlops-haproxy:bookworm} */
    public Deployer(DockerClient docker, String proxyImage) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.proxyImage = proxyImage == null || proxyImage.isBlank() ? ProxyContainer.DEFAULT_IMAGE : proxyImage;
    }

    /**
     * Deploys {@code spec.getVersion()} (or rolls back) and returns once the new version serves, the old one is
     * drained, and the deployment is recorded in the model's history.
     *
     * @throws io.jenkins.plugins.mlops.core.MlopsArgumentException when an argument is wrong (unknown version,
     *         missing image, port in use...), before anything is created
     * @throws DeploymentException when the deployment was refused or failed its checks; what served still serves
     * @throws InterruptedException when the build was aborted; before the switch everything new is removed
     */
    public DeploymentResult deploy(DeploymentSpec spec, ModelRegistry registry, LogSink log)
            throws DeploymentException, IOException, InterruptedException {
        return deploy(spec, DeploymentRegistry.of(registry), log);
    }

    /** The same, with a registry that may be on another machine ({@link StagedRegistry}). */
    public DeploymentResult deploy(DeploymentSpec spec, DeploymentRegistry registry, LogSink log)
            throws DeploymentException, IOException, InterruptedException {
        return new DeploymentRun(docker, spec, registry, log, proxyImage, http).execute();
    }

    /** Every service on the Docker host (or only {@code service}), sorted by name. */
    public List<ServiceStatus> status(String service) throws InterruptedException {
        TreeSet<String> names = new TreeSet<>();
        if (service != null) {
            names.add(DeploymentArguments.requireService(service));
        } else {
            for (Container c : LabelledContainers.find(docker, Map.of())) {
                String s = LabelledContainers.label(c, DeployLabels.SERVICE);
                if (s != null) {
                    names.add(s);
                }
            }
        }
        List<ServiceStatus> out = new ArrayList<>();
        for (String name : names) {
            ServiceState state = ServiceState.read(docker, name);
            if (!state.isEmpty()) {
                out.add(status(state));
            }
        }
        return out;
    }

    private ServiceStatus status(ServiceState state) throws InterruptedException {
        Instant now = Instant.now();
        ReplicaSet active = state.active();
        ReplicaSet previous = state.previous(now);
        Map<String, ProxyServer> proxy = Map.of();
        if (state.proxyRunning()) {
            try {
                proxy = ProxyContainer.of(docker, state.proxy().getId()).runtime().serversByName();
            } catch (IOException e) {
                // shown as "unknown" per replica
            }
        }
        List<ServiceStatus.Replica> replicas = new ArrayList<>();
        if (active != null) {
            List<Integer> ports = active.ports();
            for (int i = 0; i < active.containers().size(); i++) {
                Container c = active.containers().get(i);
                ProxyServer p = proxy.get(LabelledContainers.name(c));
                replicas.add(new ServiceStatus.Replica(LabelledContainers.name(c), ports.get(i), c.getState(),
                        p == null ? "unknown" : p.status(), p == null ? 0 : p.totalSessions(),
                        p == null ? 0 : p.responses5xx(), p == null ? 0 : p.responseMillis()));
            }
        }
        String model = active != null ? active.model() : state.proxy() == null ? null
                : LabelledContainers.label(state.proxy(), DeployLabels.MODEL);
        String endpoint = state.endpoint();
        return new ServiceStatus(state.service(), model, endpoint == null ? null : "http://" + endpoint,
                state.proxyRunning(), active == null ? null : active.version(),
                active == null ? null : active.deploymentId(), active == null ? null : active.deployedBy(),
                active == null ? null : active.alias(), replicas, previous == null ? null : previous.version(),
                previous == null ? null : state.previousUntil(), state.stale(now).size());
    }

    /** What {@link #undeploy} removed. */
    public record Undeployed(String service, Integer version, int containers) {
    }

    /**
     * Removes a service: its proxy (the endpoint stops answering), its replicas and its state, under its lock. The
     * removal is recorded in the model's history when {@code registry} is given.
     *
     * @throws DeploymentException {@link DeploymentFailure#NO_SUCH_SERVICE} when nothing of it exists
     */
    public Undeployed undeploy(String service, ModelRegistry registry, String actor, Duration lockTimeout,
            Map<String, String> labels, LogSink log) throws DeploymentException, IOException, InterruptedException {
        return undeploy(service, registry == null ? null : DeploymentRegistry.of(registry), actor, lockTimeout, labels,
                log);
    }

    /** The same, with a registry that may be on another machine ({@link StagedRegistry}), or none. */
    public Undeployed undeploy(String service, DeploymentRegistry registry, String actor, Duration lockTimeout,
            Map<String, String> labels, LogSink log) throws DeploymentException, IOException, InterruptedException {
        DeploymentArguments.requireService(service);
        ServiceState state = ServiceState.read(docker, service);
        if (state.isEmpty()) {
            throw new DeploymentException(DeploymentFailure.NO_SUCH_SERVICE, "No service named " + service
                    + " on this Docker host; mlops status lists them");
        }
        try (ContainerLock lock = lock(service, state, actor, lockTimeout, labels, log)) {
            state = ServiceState.read(docker, service);
            ReplicaSet active = state.active();
            RunResources resources = new RunResources(docker, log);
            int count = 0;
            if (state.proxy() != null) {
                resources.addContainer(state.proxy().getId());
                count++;
            }
            for (ReplicaSet s : state.all()) {
                for (Container c : s.containers()) {
                    resources.addContainer(c.getId());
                    count++;
                }
            }
            if (state.stateContainer() != null) {
                resources.addContainer(state.stateContainer().getId());
            }
            resources.removeAll();
            log.info("Removed service " + service + " (" + count + " container(s))"
                    + (active == null ? "" : "; v" + active.version() + " no longer serves"));
            if (registry != null && active != null) {
                try {
                    registry.recordDeployment(active.model(), DeploymentEvent.builder().service(service)
                            .version(active.version()).endpoint(state.endpoint() == null ? null : "http://" + state.endpoint())
                            .actor(actor).at(Instant.now()).action(DeploymentEvent.Action.UNDEPLOY)
                            .deploymentId(active.deploymentId()).build());
                } catch (IOException e) {
                    log.info("Could not record the removal in " + registry.location() + ": " + e.getMessage());
                }
            }
            return new Undeployed(service, active == null ? null : active.version(), count);
        } catch (ContainerException e) {
            throw new DeploymentException(DeploymentFailure.LOCKED, "Could not remove " + service + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Removes the previous version of {@code service} once its {@code keepPrevious} time is over (and anything else
     * of the service that neither serves nor is kept), under the service's lock, so that a deployment in progress
     * is never touched. What serves is left alone. The next deployment or rollback would remove the same; this lets
     * a caller do it on time, without deploying.
     *
     * @return how many containers were removed: 0 when nothing was past its time, or the service is gone
     */
    public int removeExpired(String service, String actor, Duration lockTimeout, Map<String, String> labels,
            LogSink log) throws DeploymentException, IOException, InterruptedException {
        DeploymentArguments.requireService(service);
        ServiceState state = ServiceState.read(docker, service);
        if (state.isEmpty() || state.stale(Instant.now()).isEmpty()) {
            return 0;
        }
        try (ContainerLock lock = lock(service, state, actor, lockTimeout, labels, log)) {
            Instant now = Instant.now();
            state = ServiceState.read(docker, service);
            Container proxy = state.proxy();
            HaproxyRuntime runtime = proxy == null ? null : ProxyContainer.of(docker, proxy.getId()).runtime();
            int removed = 0;
            for (ReplicaSet set : state.stale(now)) {
                log.info("Removing v" + set.version() + " of " + service + " (" + set.names().size()
                        + " replica(s)): it no longer serves and its time for a rollback is over");
                ReplicaSet.remove(docker, runtime, set, log);
                removed += set.containers().size();
            }
            return removed;
        } catch (ContainerException e) {
            throw new DeploymentException(DeploymentFailure.LOCKED, "Could not remove what " + service
                    + " kept: " + e.getMessage(), e);
        }
    }

    /** The service's lock, as a deployment takes it; waits up to {@code lockTimeout} for one in progress. */
    private ContainerLock lock(String service, ServiceState state, String actor, Duration lockTimeout,
            Map<String, String> labels, LogSink log) throws ContainerException, InterruptedException {
        String imageId;
        try {
            imageId = docker.inspectImageCmd(proxyImage).exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            imageId = state.all().isEmpty() ? null : state.all().get(0).imageId();
        }
        Map<String, String> lockLabels = new java.util.LinkedHashMap<>(labels);
        lockLabels.put(DeployLabels.SERVICE, service);
        lockLabels.put(DeployLabels.ROLE, DeployLabels.ROLE_LOCK);
        return ContainerLock.acquire(docker, DeployLabels.lockName(service), imageId,
                actor == null ? "unknown" : actor, lockTimeout.plusMinutes(5), lockTimeout, lockLabels,
                h -> log.info("Waiting for " + h.holder() + ", who is deploying " + service));
    }

    /** The label every container of a service carries, for callers that sweep by label. */
    public static Map<String, String> serviceLabel(String service) {
        return Map.of(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE, DeployLabels.SERVICE, service);
    }
}
