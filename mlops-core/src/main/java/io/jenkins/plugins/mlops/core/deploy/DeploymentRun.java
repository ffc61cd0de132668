package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerLock;
import io.jenkins.plugins.mlops.core.container.ContainerLogs;
import io.jenkins.plugins.mlops.core.container.ContainerStatus;
import io.jenkins.plugins.mlops.core.container.ImageSource;
import io.jenkins.plugins.mlops.core.container.Interruptions;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.RunIds;
import io.jenkins.plugins.mlops.core.container.RunResources;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyConfig;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyRuntime;
import io.jenkins.plugins.mlops.core.deploy.proxy.ProxyServer;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The state and steps of one {@link Deployer#deploy} call. Not reusable.
 *
 * <p>The order is what makes it safe: everything that can be refused is checked before anything is created
 * (version, gate, image, port); the service's lock is held from the first change to the last; the new replicas are
 * checked directly, then by the proxy, before one request reaches them; the switch makes the new replicas ready
 * and drains the old ones in one runtime command; and until that switch has happened, every failure (an abort
 * included) puts things back as they were and removes what this run created.
 */
final class DeploymentRun {

    /** Requests in flight on a drained replica get this long to finish before it is removed. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** The lock's lease beyond the checks' own time limits: pulling, starting and switching. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(15);
    private static final int LOG_LINES = 50;
    private static final long POLL_MILLIS = 100;

    private final DockerClient docker;
    private final DeploymentSpec spec;
    private final DeploymentRegistry registry;
    private final LogSink log;
    private final String proxyImage;
    private final ReplicaChecks checks;
    private final long startNanos = System.nanoTime();
    private final String deploymentId = RunIds.next();
    private final String service;

    /** What was decided before the lock: the version, its image, the endpoint. */
    private ModelVersion target;
    private String imageId;
    private String imageReference;
    private String bind;
    private int port;
    private String proxyImageId;

    DeploymentRun(DockerClient docker, DeploymentSpec spec, DeploymentRegistry registry, LogSink log, String proxyImage,
            HttpClient http) {
        this.docker = docker;
        this.spec = spec;
        this.registry = registry;
        this.log = log;
        this.proxyImage = proxyImage;
        this.checks = new ReplicaChecks(http, ServingContract.LISTEN_HOST);
        this.service = spec.getService();
    }

    DeploymentResult execute() throws DeploymentException, IOException, InterruptedException {
        checkBeforeAnythingStarts();
        Duration lease = spec.getHealthTimeout().multipliedBy(2)
                .plus(spec.getLoadTest() == null ? Duration.ZERO : spec.getLoadTest().duration()).plus(LEASE_MARGIN);
        ContainerLock lock;
        try {
            lock = ContainerLock.acquire(docker, DeployLabels.lockName(service), proxyImageId, holder(), lease,
                    spec.getLockTimeout(), ownLabels(DeployLabels.ROLE_LOCK),
                    h -> log.info("Another deployment of " + service + " is running (" + h.holder() + ", since "
                            + h.since() + "); waiting for it, up to " + ReplicaChecks.human(spec.getLockTimeout())));
        } catch (ContainerException e) {
            throw new DeploymentException(DeploymentFailure.LOCKED, "Could not deploy " + service + ": "
                    + e.getMessage(), e);
        }
        try (lock) {
            Instant now = Instant.now();
            ServiceState state = ServiceState.read(docker, service);
            ProxyContainer proxy = reconcile(state, now);
            state = ServiceState.read(docker, service);
            ReplicaSet active = state.active();
            ReplicaSet previous = state.previous(now);
            if (spec.isRollback()) {
                return rollback(proxy, active, previous);
            }
            return deployNew(proxy, active, previous, false, spec.getAlias());
        }
    }

    // ---- before anything starts --------------------------------------------------------------------------------

    /** Version, gate, images and endpoint: each refused here, before this run creates anything. */
    private void checkBeforeAnythingStarts() throws DeploymentException, IOException, InterruptedException {
        proxyImageId = inspectProxyImage();
        if (!spec.isRollback()) {
            target = resolve(spec.getVersion());
            try {
                GateCheck.check(target, spec.isForce());
            } catch (DeploymentException e) {
                record(failedEvent(target.getVersion(), null, e.getMessage()));
                throw e;
            }
        }
        if (spec.getImage() != null || spec.getDockerfile() != null) {
            resolveImage();
        }
        ServiceState state = ServiceState.read(docker, service);
        bind = spec.getBind();
        port = spec.getPort() != null ? spec.getPort() : currentPort(state);
        String wanted = ProxyContainer.endpointLabel(bind, port);
        if (!wanted.equals(state.endpoint())) {
            for (Container c : LabelledContainers.find(docker, Map.of(DeployLabels.ROLE, DeployLabels.ROLE_PROXY))) {
                if (wanted.equals(LabelledContainers.label(c, DeployLabels.ENDPOINT))) {
                    throw new MlopsArgumentException("port", wanted + " is the endpoint of service '"
                            + LabelledContainers.label(c, DeployLabels.SERVICE) + "'; choose another port");
                }
            }
            if (!ReplicaPorts.free(bind, port)) {
                throw new MlopsArgumentException("port", wanted + " is already in use by another program on this"
                        + " host; choose another port");
            }
        }
    }

    private String inspectProxyImage() throws DeploymentException {
        try {
            return docker.inspectImageCmd(proxyImage).exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new DeploymentException(DeploymentFailure.PROXY_FAILED, "The proxy image " + proxyImage
                    + " is not on the Docker host; build it with scripts/docker-env.sh (HAProxy from Debian's"
                    + " packages, imported offline)", e);
        }
    }

    private ModelVersion resolve(String reference) throws IOException, InterruptedException {
        try {
            return registry.resolve(spec.getName(), reference);
        } catch (RegistryException e) {
            if (e.getKind() == RegistryException.Kind.NOT_FOUND) {
                throw new MlopsArgumentException("version", e.getMessage());
            }
            throw e;
        }
    }

    private void resolveImage() throws DeploymentException, InterruptedException {
        Path dockerfile = null;
        Path context = null;
        if (spec.getDockerfile() != null) {
            Path work = Path.of(spec.getWorkDir());
            dockerfile = work.resolve(spec.getDockerfile()).normalize();
            if (!Files.isRegularFile(dockerfile)) {
                throw new MlopsArgumentException("dockerfile", "'" + spec.getDockerfile() + "' does not exist ("
                        + dockerfile + ")");
            }
            context = spec.getBuildContext() != null ? work.resolve(spec.getBuildContext()).normalize()
                    : dockerfile.getParent();
            if (!Files.isDirectory(context)) {
                throw new MlopsArgumentException("buildContext", "'" + context + "' is not a directory");
            }
        }
        try {
            imageId = ImageSource.resolve(docker, spec.getImage(), dockerfile, context,
                    ImageSource.builtImageLabels(), log);
        } catch (ContainerException e) {
            if (e.getFailure() == ContainerFailure.IMAGE_NOT_FOUND) {
                throw new MlopsArgumentException("image", e.getMessage());
            }
            throw new DeploymentException(DeploymentFailure.ENGINE_ERROR, e.getMessage(), e);
        }
        imageReference = spec.getImage() != null ? spec.getImage() : imageId;
    }

    private static int currentPort(ServiceState state) {
        String endpoint = state.endpoint();
        if (endpoint != null && endpoint.lastIndexOf(':') > 0) {
            try {
                return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                // a label written by hand: fall back to the default
            }
        }
        return DeploymentSpec.DEFAULT_PORT;
    }

    // ---- reconcile ---------------------------------------------------------------------------------------------

    /**
     * Makes the Docker host agree with the service's state before changing it: stale replicas go, the proxy exists,
     * runs, owns the wanted endpoint and knows exactly the replicas that serve or are kept.
     */
    private ProxyContainer reconcile(ServiceState state, Instant now) throws IOException, InterruptedException {
        Container p = state.proxy();
        String wanted = ProxyContainer.endpointLabel(bind, port);
        if (p != null && (!wanted.equals(state.endpoint())
                || !spec.getHealthPath().equals(LabelledContainers.label(p, DeployLabels.HEALTH_PATH)))) {
            log.info("Moving the stable endpoint of " + service + " from " + state.endpoint() + " to " + wanted
                    + (spec.getHealthPath().equals(LabelledContainers.label(p, DeployLabels.HEALTH_PATH)) ? ""
                            : " (health path " + spec.getHealthPath() + ")") + ": its proxy is recreated");
            new RunResources(docker, log).removeContainer(p.getId());
            p = null;
        }
        ReplicaSet active = state.active();
        ProxyContainer proxy;
        if (p == null) {
            if (!state.isEmpty()) {
                log.info("The proxy of " + service + " is missing (removed by hand?); recreating it on " + wanted);
            } else {
                log.info("Creating the proxy of " + service + " on " + wanted);
            }
            List<HaproxyConfig.Server> serving = active != null && active.running() ? servers(active) : List.of();
            proxy = ProxyContainer.create(docker, proxyImageId, service, bind, port, spec.getHealthPath(),
                    config(serving), ownLabels(DeployLabels.ROLE_PROXY));
        } else {
            proxy = ProxyContainer.of(docker, p.getId());
            proxy.startIfStopped();
        }
        HaproxyRuntime runtime = proxy.runtime();
        Map<String, ProxyServer> known = runtime.serversByName();
        if (state.stateContainer() == null && p != null) {
            ReplicaSet serving = servingPerProxy(state, known);
            if (serving != null) {
                log.info("The state of " + service + " is missing; the proxy serves " + describe(serving)
                        + ", which is taken as the version that serves");
                StateMarker.write(docker, proxyImageId, service, spec.getName(), serving.deploymentId(), null, null,
                        spec.getLabels());
                state = ServiceState.read(docker, service);
                active = state.active();
            }
        }
        if (active != null) {
            // What serves stays in rotation whatever else this reconciliation finds (a switch cut off half-way).
            List<String> outOfRotation = active.names().stream()
                    .filter(n -> known.containsKey(n) && !known.get(n).status().startsWith("UP")
                            && !known.get(n).status().startsWith("DOWN")).toList();
            runtime.switchTraffic(outOfRotation, List.of());
        }
        for (ReplicaSet stale : state.stale(now)) {
            log.info("Removing " + describe(stale) + ": it neither serves nor is kept for a rollback");
            removeSet(runtime, stale);
        }
        ReplicaSet previous = state.previous(now);
        Set<String> kept = Stream.of(active, previous).filter(s -> s != null).flatMap(s -> s.names().stream())
                .collect(Collectors.toSet());
        Set<String> staleNames = state.stale(now).stream().flatMap(s -> s.names().stream()).collect(Collectors.toSet());
        for (String name : known.keySet()) {
            if (!kept.contains(name) && !staleNames.contains(name)) {
                runtime.remove(name);
            }
        }
        if (active != null) {
            List<String> missing = active.names().stream().filter(n -> !known.containsKey(n)).toList();
            for (HaproxyConfig.Server s : servers(active)) {
                if (missing.contains(s.name())) {
                    runtime.add(s);
                }
            }
            runtime.switchTraffic(missing, List.of());
        }
        return proxy;
    }

    /** The replica set whose every replica the proxy has in rotation, if there is exactly one. */
    private static ReplicaSet servingPerProxy(ServiceState state, Map<String, ProxyServer> known) {
        List<ReplicaSet> serving = state.all().stream().filter(set -> set.names().stream()
                .allMatch(n -> known.containsKey(n) && !known.get(n).drained()
                        && !known.get(n).status().startsWith("MAINT"))).toList();
        return serving.size() == 1 ? serving.get(0) : null;
    }

    // ---- a new version -----------------------------------------------------------------------------------------

    private DeploymentResult deployNew(ProxyContainer proxy, ReplicaSet active, ReplicaSet previous,
            boolean rollback, String alias) throws DeploymentException, IOException, InterruptedException {
        if (imageId == null) {
            throw new MlopsArgumentException("image", "give the serving image (or a dockerfile) to deploy "
                    + target.getName() + " v" + target.getVersion());
        }
        Integer previousVersion = active == null ? null : active.version();
        log.info("Deploying " + target.getName() + " v" + target.getVersion() + " (" + target.getDigest() + ", gate "
                + target.getGate().describe() + (spec.isForce() && !target.getGate().isPassed() ? ", forced" : "")
                + ") to " + service + " with image " + imageReference
                + (previousVersion == null ? "" : "; v" + previousVersion + " keeps serving until the switch"));
        RunResources candidate = new RunResources(docker, log);
        Path tmp = Files.createTempDirectory("mlops-deploy-");
        List<ReplicaLauncher.Replica> replicas = new ArrayList<>();
        Checked checked = null;
        HaproxyRuntime runtime = proxy.runtime();
        boolean added = false;
        boolean switched = false;
        try {
            ModelVersion pulled = registry.pull(target.getName(), target.getVersion(),
                    tmp.resolve("mlops").resolve("model"));
            log.info("Pulled " + pulled.getFiles().size() + " file(s) of v" + pulled.getVersion() + " from "
                    + registry.location() + ", every digest verified");
            replicas.addAll(new ReplicaLauncher(docker).start(spec, target, deploymentId, imageId, imageReference,
                    alias, tmp, candidate));
            log.info("Started " + replicas.size() + " replica(s) of v" + target.getVersion() + " on "
                    + replicas.stream().map(r -> "127.0.0.1:" + r.port()).collect(Collectors.joining(", ")));
            checked = check(replicas, true);
            long switchStart = System.nanoTime();
            for (ReplicaLauncher.Replica r : replicas) {
                runtime.add(new HaproxyConfig.Server(r.name(), r.port()));
            }
            added = true;
            List<String> names = replicas.stream().map(ReplicaLauncher.Replica::name).toList();
            awaitProxyHealthy(runtime, names, checked, replicas);
            List<String> old = active == null ? List.of() : active.names();
            runtime.switchTraffic(names, old);
            switched = true;
            double switchMs = (System.nanoTime() - switchStart) / 1e6;
            double totalMs = (System.nanoTime() - startNanos) / 1e6;
            Instant keptUntil = recordSwitch(deploymentId, active);
            log.info(String.format(Locale.ROOT, "Switched %s to v%d in %.0f ms%s", service, target.getVersion(),
                    switchMs, active == null ? "" : "; v" + active.version() + " drains"));
            List<HaproxyConfig.Server> serving = replicas.stream()
                    .map(r -> new HaproxyConfig.Server(r.name(), r.port())).toList();
            settle(proxy, runtime, serving, deploymentId, active, previous, keptUntil);
            String aliasNote = moveAlias(alias, rollback, target.getVersion());
            DeploymentResult result = new DeploymentResult(service, target.getName(), target.getVersion(),
                    previousVersion, endpointUrl(), deploymentId, rollback, false, forced(), imageReference, alias,
                    names, checked.healthMs, checked.smoke, checked.load, switchMs, totalMs, keptUntil);
            record(successEvent(result, rollback));
            log.info(result.describe() + aliasNote);
            return result;
        } catch (DeploymentException e) {
            DeploymentResult attempt = attempt(replicas, checked, e.getAttempt(), previousVersion, rollback, alias);
            record(failedEvent(target.getVersion(), attempt, e.getMessage()));
            throw new DeploymentException(e.getFailure(), e.getMessage(), attempt, e.getCause());
        } finally {
            if (!switched) {
                boolean withServers = added;
                List<ReplicaLauncher.Replica> started = List.copyOf(replicas);
                boolean interrupted = Interruptions.runShielded("mlops-deploy-cleanup-" + deploymentId,
                        () -> undoCandidate(runtime, withServers, started, active, candidate));
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteQuietly(tmp);
        }
    }

    /** What the checks measured, for the record of a failed attempt. */
    private DeploymentResult attempt(List<ReplicaLauncher.Replica> replicas, Checked checked, DeploymentResult partial,
            Integer previousVersion, boolean rollback, String alias) {
        if (partial != null) {
            return partial;
        }
        return new DeploymentResult(service, target.getName(), target.getVersion(), previousVersion, endpointUrl(),
                deploymentId, rollback, false, forced(), imageReference, alias,
                replicas.stream().map(ReplicaLauncher.Replica::name).toList(),
                checked == null ? List.of() : checked.healthMs, checked == null ? List.of() : checked.smoke,
                checked == null ? null : checked.load, 0, (System.nanoTime() - startNanos) / 1e6, null);
    }

    /**
     * Right after the switch, before anything else can be cut off: the state says who serves now and who is kept
     * until when, so that whatever happens next, a later deployment finds what the proxy does.
     *
     * @return until when the replaced deployment is kept, or null when it is not
     */
    private Instant recordSwitch(String servingId, ReplicaSet replaced) {
        boolean keep = replaced != null && !spec.getKeepPrevious().isZero();
        Instant until = keep ? Instant.now().plus(spec.getKeepPrevious()) : null;
        StateMarker.write(docker, proxyImageId, service, spec.getName(), servingId,
                keep ? replaced.deploymentId() : null, until, spec.getLabels());
        return until;
    }

    /**
     * After the switch: the proxy's file lists the serving replicas (for its next start), the version kept before
     * is removed, and the replaced one is drained and kept until {@code until}, or removed.
     */
    private void settle(ProxyContainer proxy, HaproxyRuntime runtime, List<HaproxyConfig.Server> serving,
            String servingId, ReplicaSet replaced, ReplicaSet keptBefore, Instant until)
            throws IOException, InterruptedException {
        proxy.writeConfig(config(serving), false);
        boolean keep = until != null;
        if (keptBefore != null && !keptBefore.deploymentId().equals(servingId)
                && (replaced == null || !keptBefore.deploymentId().equals(replaced.deploymentId()))) {
            log.info("Removing " + describe(keptBefore) + ", which was kept for a rollback");
            removeSet(runtime, keptBefore);
        }
        if (replaced != null) {
            awaitDrained(runtime, replaced.names());
            if (keep) {
                log.info("Keeping " + describe(replaced) + " ready for an instant rollback until " + until
                        + " (keepPrevious " + ReplicaChecks.human(spec.getKeepPrevious()) + ")");
            } else {
                log.info("Removing " + describe(replaced) + " (keepPrevious 0)");
                removeSet(runtime, replaced);
            }
        }
    }

    // ---- rollback ----------------------------------------------------------------------------------------------

    private DeploymentResult rollback(ProxyContainer proxy, ReplicaSet active, ReplicaSet previous)
            throws DeploymentException, IOException, InterruptedException {
        if (active == null) {
            throw new DeploymentException(DeploymentFailure.NOTHING_TO_ROLL_BACK, "Service " + service
                    + " serves nothing, so there is nothing to roll back; deploy a version first");
        }
        String alias = spec.getAlias() != null ? spec.getAlias() : active.alias();
        Integer version;
        if (alias != null) {
            version = registry.history(spec.getName()).rollbackTarget(alias);
            if (version == null) {
                throw new DeploymentException(DeploymentFailure.NOTHING_TO_ROLL_BACK, "Alias '" + alias + "' of "
                        + spec.getName() + " has pointed at no other version before; there is nothing to roll back to");
            }
        } else {
            version = previousDeployed(active, previous);
        }
        target = registry.get(spec.getName(), version);
        if (version == active.version()) {
            throw new DeploymentException(DeploymentFailure.NOTHING_TO_ROLL_BACK, service + " already serves v"
                    + version + ", the version to roll back to");
        }
        if (previous != null && previous.version() == version && previous.running()) {
            return instantRollback(proxy, active, previous, alias);
        }
        log.info("v" + version + " is no longer kept on the Docker host; deploying it again");
        if (imageId == null) {
            reuseImageOf(version, previous);
        }
        return deployNew(proxy, active, previous, true, alias);
    }

    /** The version that served before the active one: the kept one, else the deployment history's. */
    private int previousDeployed(ReplicaSet active, ReplicaSet previous) throws DeploymentException, IOException,
            InterruptedException {
        if (previous != null) {
            return previous.version();
        }
        List<DeploymentEvent> history = registry.deployments(spec.getName(), service).stream()
                .filter(d -> d.succeeded() && d.getAction() != DeploymentEvent.Action.UNDEPLOY).toList();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).getVersion() == active.version() && history.get(i).getPreviousVersion() != null) {
                return history.get(i).getPreviousVersion();
            }
        }
        throw new DeploymentException(DeploymentFailure.NOTHING_TO_ROLL_BACK, "Nothing served " + service
                + " before v" + active.version() + "; there is nothing to roll back to");
    }

    /** A rollback that redeploys uses the image that version was served with, when none is given. */
    private void reuseImageOf(int version, ReplicaSet previous) throws IOException, InterruptedException {
        String candidate = previous != null && previous.version() == version ? previous.imageId() : null;
        if (candidate == null) {
            for (DeploymentEvent d : registry.deployments(spec.getName(), service)) {
                if (d.succeeded() && d.getVersion() == version && d.getImage() != null) {
                    candidate = d.getImage().split(" ", 2)[0];
                }
            }
        }
        if (candidate == null) {
            throw new MlopsArgumentException("image", "the history does not say which image served v" + version
                    + "; give image (or dockerfile) for the rollback");
        }
        try {
            imageId = docker.inspectImageCmd(candidate).exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new MlopsArgumentException("image", "v" + version + " served with image " + candidate
                    + ", which is no longer on the Docker host; give image (or dockerfile) for the rollback");
        }
        imageReference = candidate;
    }

    /** The kept replicas of the previous version take the traffic back: no container is started. */
    private DeploymentResult instantRollback(ProxyContainer proxy, ReplicaSet active, ReplicaSet previous, String alias)
            throws DeploymentException, IOException, InterruptedException {
        log.info("Rolling " + service + " back to v" + previous.version() + ", kept ready since the last deployment");
        List<ReplicaLauncher.Replica> kept = new ArrayList<>();
        List<Integer> ports = previous.ports();
        for (int i = 0; i < previous.containers().size(); i++) {
            kept.add(new ReplicaLauncher.Replica(i, previous.containers().get(i).getId(), previous.names().get(i),
                    ports.get(i)));
        }
        Checked checked;
        try {
            checked = check(kept, false);
        } catch (DeploymentException e) {
            throw new DeploymentException(e.getFailure(), e.getMessage() + "; v" + active.version() + " keeps serving",
                    e.getAttempt(), e);
        }
        long switchStart = System.nanoTime();
        HaproxyRuntime runtime = proxy.runtime();
        Map<String, ProxyServer> known = runtime.serversByName();
        List<HaproxyConfig.Server> servers = servers(previous);
        for (HaproxyConfig.Server s : servers) {
            if (!known.containsKey(s.name())) {
                runtime.add(s);
            }
        }
        if (!previous.names().stream().allMatch(n -> known.containsKey(n) && known.get(n).healthy())) {
            awaitProxyHealthy(runtime, previous.names(), checked, kept);
        }
        runtime.switchTraffic(previous.names(), active.names());
        double switchMs = (System.nanoTime() - switchStart) / 1e6;
        double totalMs = (System.nanoTime() - startNanos) / 1e6;
        Instant keptUntil = recordSwitch(previous.deploymentId(), active);
        log.info(String.format(Locale.ROOT, "Switched %s back to v%d in %.0f ms; v%d drains", service,
                previous.version(), switchMs, active.version()));
        settle(proxy, runtime, servers, previous.deploymentId(), active, null, keptUntil);
        imageId = previous.imageId();
        imageReference = previous.image();
        String aliasNote = moveAlias(alias, true, previous.version());
        DeploymentResult result = new DeploymentResult(service, spec.getName(), previous.version(), active.version(),
                endpointUrl(), previous.deploymentId(), true, true, false, previous.image(), alias, previous.names(),
                checked.healthMs, checked.smoke, null, switchMs, totalMs, keptUntil);
        record(successEvent(result, true));
        log.info(result.describe() + aliasNote);
        return result;
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    /** What the direct checks of a set of replicas measured. */
    private record Checked(List<Double> healthMs, List<SmokeResult> smoke, LoadSummary load) {
    }

    /** Health within healthTimeout, every smoke test, and (for new replicas) the load test, straight to each. */
    private Checked check(List<ReplicaLauncher.Replica> replicas, boolean withLoadTest)
            throws DeploymentException, InterruptedException, IOException {
        List<Double> health = new ArrayList<>();
        List<SmokeResult> smoke = new ArrayList<>();
        for (ReplicaLauncher.Replica r : replicas) {
            try {
                double ms = checks.awaitHealthy(r.port(), spec.getHealthPath(), spec.getHealthTimeout(), () -> died(r));
                health.add(ms);
                log.info(String.format(Locale.ROOT, "%s answered %s after %.0f ms", r.name(), spec.getHealthPath(), ms));
            } catch (ReplicaChecks.CheckFailed e) {
                throw failed(r, "did not become healthy: " + e.getMessage(), health, smoke, null);
            }
        }
        for (ReplicaLauncher.Replica r : replicas) {
            List<SmokeResult> results = checks.smoke(r.index(), r.port(), spec.getSmokeTests());
            smoke.addAll(results);
            for (SmokeResult s : results) {
                if (!s.ok()) {
                    throw failed(r, "failed its smoke test " + s.test() + ": " + s.failure(), health, smoke, null);
                }
                log.info(String.format(Locale.ROOT, "Smoke test %s on %s: status %d in %.1f ms", s.test(), r.name(),
                        s.status(), s.latencyMs()));
            }
        }
        LoadSummary load = null;
        if (withLoadTest && spec.getLoadTest() != null) {
            LoadTestSpec lt = spec.getLoadTest();
            List<SmokeTest> requests = spec.getSmokeTests().isEmpty()
                    ? List.of(SmokeTest.parse("healthPath", Map.of("path", spec.getHealthPath())))
                    : spec.getSmokeTests();
            log.info(String.format(Locale.ROOT, "Load test: %s requests/s for %s to the new replicas",
                    DeploymentResult.round(lt.rps()), ReplicaChecks.human(lt.duration())));
            load = checks.load(replicas.stream().map(ReplicaLauncher.Replica::port).toList(), requests, lt);
            log.info("Load test: " + load);
            String broken = null;
            if (load.errorRate() > lt.maxErrorRate()) {
                broken = String.format(Locale.ROOT, "error rate %.4f is above maxErrorRate %s", load.errorRate(),
                        lt.maxErrorRate());
            } else if (lt.maxP99Ms() != null && load.p99Millis() > lt.maxP99Ms()) {
                broken = String.format(Locale.ROOT, "p99 %.1f ms is above maxP99Ms %s", load.p99Millis(), lt.maxP99Ms());
            }
            if (broken != null) {
                throw failed(replicas.get(0), "failed its load test: " + broken + " (" + load + ")", health, smoke, load);
            }
        }
        return new Checked(health, smoke, load);
    }

    /** The proxy's own health check must pass too before traffic moves, so that it does not mark them down at once. */
    private void awaitProxyHealthy(HaproxyRuntime runtime, List<String> names, Checked checked,
            List<ReplicaLauncher.Replica> replicas) throws DeploymentException, IOException, InterruptedException {
        long deadline = System.nanoTime() + spec.getHealthTimeout().toNanos();
        while (true) {
            Map<String, ProxyServer> now = runtime.serversByName();
            List<String> waiting = names.stream().filter(n -> now.get(n) == null || !now.get(n).healthy()).toList();
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ProxyServer s = now.get(waiting.get(0));
                ReplicaLauncher.Replica r = replicas.stream().filter(x -> x.name().equals(waiting.get(0))).findFirst()
                        .orElse(replicas.get(0));
                throw failed(r, "did not pass the proxy's health check of " + spec.getHealthPath() + " within "
                        + ReplicaChecks.human(spec.getHealthTimeout()) + " (proxy: "
                        + (s == null ? "unknown server" : s.status() + ", " + s.checkStatus()) + ")",
                        checked.healthMs, checked.smoke, checked.load);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private String died(ReplicaLauncher.Replica r) {
        java.util.Optional<ContainerStatus> status = ContainerStatus.inspect(docker, r.containerId());
        if (status.isEmpty()) {
            return "was removed";
        }
        ContainerStatus s = status.get();
        if (s.whyNotRunning() == null && s.restartCount() > 0) {
            return "exited with code " + s.exitCode() + " and was restarted " + s.restartCount() + " time(s)";
        }
        return s.whyNotRunning();
    }

    private DeploymentException failed(ReplicaLauncher.Replica r, String what, List<Double> health,
            List<SmokeResult> smoke, LoadSummary load) throws InterruptedException {
        String logs = ContainerLogs.recent(docker, r.containerId(), LOG_LINES);
        String serving = "nothing served " + service + " before, so nothing serves it now";
        ServiceState state = ServiceState.read(docker, service);
        if (state.active() != null) {
            serving = "v" + state.active().version() + " keeps serving " + endpointUrl();
        }
        DeploymentResult attempt = new DeploymentResult(service, target.getName(), target.getVersion(),
                state.active() == null ? null : state.active().version(), endpointUrl(), deploymentId,
                spec.isRollback(), false, forced(), imageReference, spec.getAlias(), List.of(r.name()), health, smoke,
                load, 0, (System.nanoTime() - startNanos) / 1e6, null);
        return new DeploymentException(DeploymentFailure.VERIFICATION_FAILED, target.getName() + " v"
                + target.getVersion() + " was not deployed to " + service + ": replica " + r.name() + " " + what
                + "; " + serving + ". Its last " + LOG_LINES + " log lines" + logs.replaceFirst("^; ", ": "),
                attempt, null);
    }

    // ---- undo, drain, remove -----------------------------------------------------------------------------------

    /**
     * Before the switch nothing of the new version has had traffic: take it out of the proxy, make sure what served
     * before is in rotation (a switch command that was cut off may have reached the proxy), remove its containers.
     */
    private void undoCandidate(HaproxyRuntime runtime, boolean withServers, List<ReplicaLauncher.Replica> replicas,
            ReplicaSet active, RunResources candidate) {
        try {
            if (withServers) {
                if (active != null) {
                    runtime.switchTraffic(active.names(), List.of());
                }
                for (ReplicaLauncher.Replica r : replicas) {
                    runtime.remove(r.name());
                }
            }
        } catch (IOException e) {
            log.info("Could not take the new replicas out of the proxy: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = candidate.removeAll();
        if (left == 0 && !replicas.isEmpty()) {
            log.info("Removed the " + replicas.size() + " new replica(s)");
        }
    }

    private void awaitDrained(HaproxyRuntime runtime, List<String> names) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (true) {
            Map<String, ProxyServer> now = runtime.serversByName();
            long busy = names.stream().map(now::get).filter(s -> s != null).mapToLong(ProxyServer::sessions).sum();
            if (busy == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.info(busy + " request(s) still running on the drained replicas after "
                        + ReplicaChecks.human(DRAIN_TIMEOUT));
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Out of the proxy (if it is in it), then its containers removed. */
    private void removeSet(HaproxyRuntime runtime, ReplicaSet set) throws IOException, InterruptedException {
        ReplicaSet.remove(docker, runtime, set, log);
    }

    // ---- registry ----------------------------------------------------------------------------------------------

    private String moveAlias(String alias, boolean rollback, int version) throws DeploymentException, InterruptedException {
        if (alias == null) {
            return "";
        }
        try {
            AliasEvent e;
            if (rollback) {
                e = registry.rollback(spec.getName(), alias, actor());
                if (e.getToVersion() != version) {
                    return "; alias '" + alias + "' rolled back to v" + e.getToVersion();
                }
            } else {
                e = registry.setAlias(spec.getName(), alias, version, spec.isForce(), actor());
            }
            return e.isMove() ? "; alias '" + alias + "' now points at v" + version + (e.isForced() ? " (forced)" : "")
                    : "";
        } catch (IOException e) {
            throw new DeploymentException(DeploymentFailure.ENGINE_ERROR, spec.getName() + " v" + version + " serves "
                    + endpointUrl() + ", but alias '" + alias + "' could not be moved to it: " + e.getMessage()
                    + "; move it with mlops models alias", e);
        }
    }

    private DeploymentEvent successEvent(DeploymentResult r, boolean rollback) {
        return DeploymentEvent.builder().service(service).version(r.version()).previousVersion(r.previousVersion())
                .endpoint(r.endpoint()).actor(actor()).at(Instant.now())
                .action(rollback ? DeploymentEvent.Action.ROLLBACK : DeploymentEvent.Action.DEPLOY)
                .outcome(DeploymentEvent.Outcome.SUCCEEDED).forced(r.forced()).image(imageText())
                .deploymentId(r.deploymentId()).figures(r.figures()).build();
    }

    private DeploymentEvent failedEvent(int version, DeploymentResult attempt, String reason) {
        DeploymentEvent.Builder b = DeploymentEvent.builder().service(service).version(version)
                .previousVersion(attempt == null ? null : attempt.previousVersion())
                .endpoint(port == 0 ? null : endpointUrl()).actor(actor()).at(Instant.now())
                .action(spec.isRollback() ? DeploymentEvent.Action.ROLLBACK : DeploymentEvent.Action.DEPLOY)
                .outcome(DeploymentEvent.Outcome.FAILED).forced(forced()).image(imageText())
                .deploymentId(deploymentId).reason(firstLine(reason));
        if (attempt != null) {
            b.figures(attempt.figures());
        }
        return b.build();
    }

    /** The history must not cost a deployment that happened (or hide why one failed): a failure is logged. */
    private void record(DeploymentEvent event) throws InterruptedException {
        try {
            registry.recordDeployment(spec.getName(), event);
        } catch (IOException | RuntimeException e) {
            log.info("Could not record the deployment in " + registry.location() + "'s history: " + e.getMessage());
        }
    }

    // ---- small things ------------------------------------------------------------------------------------------

    private HaproxyConfig config(List<HaproxyConfig.Server> servers) {
        return new HaproxyConfig(bind, port, spec.getHealthPath(), servers);
    }

    private static List<HaproxyConfig.Server> servers(ReplicaSet set) {
        List<HaproxyConfig.Server> out = new ArrayList<>();
        List<Integer> ports = set.ports();
        for (int i = 0; i < set.names().size(); i++) {
            out.add(new HaproxyConfig.Server(set.names().get(i), ports.get(i)));
        }
        return out;
    }

    private Map<String, String> ownLabels(String role) {
        Map<String, String> labels = new LinkedHashMap<>(spec.getLabels());
        labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        labels.put(DeployLabels.SERVICE, service);
        labels.put(DeployLabels.MODEL, spec.getName());
        labels.put(DeployLabels.ROLE, role);
        labels.put(DeployLabels.DEPLOYED_BY, actor());
        return labels;
    }

    private boolean forced() {
        return target != null && spec.isForce() && !target.getGate().isPassed();
    }

    private String endpointUrl() {
        return DeploymentSpec.endpoint(bind, port);
    }

    private String actor() {
        return spec.getActor() == null || spec.getActor().isBlank() ? "unknown" : spec.getActor();
    }

    private String holder() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return actor() + " on " + host;
    }

    private String imageText() {
        if (imageId == null) {
            return null;
        }
        return imageReference == null || imageReference.equals(imageId) ? imageId : imageId + " " + imageReference;
    }

    private static String describe(ReplicaSet s) {
        return "v" + s.version() + " (" + s.containers().size() + " replica(s), deployment " + s.deploymentId() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return null;
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
