package io.jenkins.plugins.mlops.deploy;

import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadSummary;
import io.jenkins.plugins.mlops.core.deploy.SmokeResult;
import io.jenkins.plugins.mlops.steps.BuildReportAction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One {@code mlDeploy} call of a build: which version it deployed (or tried to) to which service and endpoint,
 * what served before, whether it was a rollback, and what the checks measured (health, each smoke test with its
 * latency, the load test); for a failed call, why. Shown on the build's page and on its own page.
 *
 * <p>Saved in build.xml by Jenkins' XStream under the plugin's persistence rule: only plain values in fields of the
 * plugin's own classes (this one and {@link SmokeCheck}), never a class of mlops-core. What serves now is on the
 * Docker host ({@code mlops status}); this is the record of what this build did.
 */
public class DeploymentAction extends BuildReportAction {

    private final String callId;
    private final String service;
    private final String model;
    /** The version deployed, or tried; null when the call failed before knowing it (a rollback with nothing to go to). */
    private final Integer version;
    private final Integer previousVersion;
    private final String endpoint;
    private final String deploymentId;
    private final boolean rollback;
    private final boolean instant;
    private final boolean forced;
    private final String image;
    private final String alias;
    private final String registry;
    /** Null for a deployment that serves; otherwise the failure's name ({@code VERIFICATION_FAILED}...). */
    private final String failure;
    private final String reason;
    private final ArrayList<String> replicas;
    private final ArrayList<Double> healthMs;
    private final ArrayList<SmokeCheck> smoke;
    private final Integer loadRequests;
    private final Integer loadFailed;
    private final Double loadRps;
    private final Double loadP50Ms;
    private final Double loadP99Ms;
    private final Double switchMs;
    private final Double totalMs;
    /** An instant as text; null when the previous version was not kept. */
    private final String keptUntil;

    /** One smoke test's answer from one replica. */
    public static final class SmokeCheck implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String test;
        private final int replica;
        private final int status;
        private final double latencyMs;
        private final String failure;

        SmokeCheck(SmokeResult r) {
            this.test = r.test();
            this.replica = r.replica();
            this.status = r.status();
            this.latencyMs = r.latencyMs();
            this.failure = r.failure();
        }

        public String getTest() { return test; }
        public int getReplica() { return replica; }
        public int getStatus() { return status; }
        public double getLatencyMs() { return latencyMs; }
        public String getLatencyText() { return String.format(Locale.ROOT, "%.1f ms", latencyMs); }
        /** Null when the answer was right. */
        public String getFailure() { return failure; }
    }

    private DeploymentAction(String callId, DeploymentSpec spec, String registry, DeploymentResult r, String failure,
            String reason) {
        this.callId = callId;
        this.service = spec.getService();
        this.model = spec.getName();
        this.registry = registry;
        this.failure = failure;
        this.reason = reason;
        this.version = r == null ? null : r.version();
        this.previousVersion = r == null ? null : r.previousVersion();
        this.endpoint = r == null ? null : r.endpoint();
        this.deploymentId = r == null ? null : r.deploymentId();
        this.rollback = r == null ? spec.isRollback() : r.rollback();
        this.instant = r != null && r.instant();
        this.forced = r != null && r.forced();
        this.image = r == null ? spec.getImage() : r.image();
        this.alias = r == null ? spec.getAlias() : r.alias();
        this.replicas = r == null ? new ArrayList<>() : new ArrayList<>(r.replicas());
        this.healthMs = r == null ? new ArrayList<>() : new ArrayList<>(r.healthMs());
        this.smoke = new ArrayList<>();
        if (r != null) {
            r.smoke().forEach(s -> smoke.add(new SmokeCheck(s)));
        }
        LoadSummary load = r == null ? null : r.load();
        this.loadRequests = load == null ? null : load.total();
        this.loadFailed = load == null ? null : load.failed();
        this.loadRps = load == null ? null : load.achievedRatePerSecond();
        this.loadP50Ms = load == null ? null : load.p50Millis();
        this.loadP99Ms = load == null ? null : load.p99Millis();
        this.switchMs = r == null || failure != null ? null : r.switchMs();
        this.totalMs = r == null ? null : r.totalMs();
        this.keptUntil = r == null || r.keptUntil() == null ? null : r.keptUntil().toString();
    }

    static DeploymentAction succeeded(String callId, DeploymentSpec spec, String registry, DeploymentResult r) {
        return new DeploymentAction(callId, spec, registry, r, null, null);
    }

    /** @param attempt what the attempt measured before it failed, or null */
    static DeploymentAction failed(String callId, DeploymentSpec spec, String registry, String failure, String reason,
            DeploymentResult attempt) {
        return new DeploymentAction(callId, spec, registry, attempt, failure, reason);
    }

    /** Core's own symbols: a rocket would need an icon plugin; a check mark and a crossed circle say it as well. */
    @Override
    public String getIconFileName() {
        return failure == null ? "symbol-check" : "symbol-close-circle";
    }

    @Override
    public String getDisplayName() {
        String what = model + (version == null ? "" : " v" + version);
        if (failure != null) {
            return (rollback ? "Rollback of " + service : "Deployment of " + what) + " failed";
        }
        return (rollback ? "Rolled " + service + " back to " + what : "Deployed " + what + " to " + service);
    }

    /** One action per call, so the call id keeps several deployments of a build apart. */
    @Override
    public String getUrlName() {
        return "mlops-deploy-" + callId;
    }

    public String getCallId() { return callId; }
    public String getService() { return service; }
    public String getModel() { return model; }
    public Integer getVersion() { return version; }
    public Integer getPreviousVersion() { return previousVersion; }
    public String getEndpoint() { return endpoint; }
    public String getDeploymentId() { return deploymentId; }
    public boolean isRollback() { return rollback; }
    /** Whether a rollback switched to replicas kept from before, starting nothing. */
    public boolean isInstant() { return instant; }
    /** Whether {@code force: true} deployed a version whose gate did not pass. */
    public boolean isForced() { return forced; }
    public String getImage() { return image; }
    public String getAlias() { return alias; }
    public String getRegistry() { return registry; }
    public boolean isSucceeded() { return failure == null; }
    public String getFailure() { return failure; }
    public String getReason() { return reason; }
    public List<String> getReplicas() { return replicas == null ? List.of() : Collections.unmodifiableList(replicas); }
    public List<Double> getHealthMs() { return healthMs == null ? List.of() : Collections.unmodifiableList(healthMs); }
    public List<SmokeCheck> getSmoke() { return smoke == null ? List.of() : Collections.unmodifiableList(smoke); }
    public boolean isLoadTested() { return loadRequests != null; }
    public Integer getLoadRequests() { return loadRequests; }
    public Integer getLoadFailed() { return loadFailed; }
    public Double getLoadRps() { return loadRps; }
    public Double getLoadP50Ms() { return loadP50Ms; }
    public Double getLoadP99Ms() { return loadP99Ms; }
    public Double getSwitchMs() { return switchMs; }
    public Double getTotalMs() { return totalMs; }
    public String getKeptUntil() { return keptUntil; }

    /** {@code 812 ms, 790 ms}: each replica's time to healthy. */
    public String getHealthText() {
        List<String> out = new ArrayList<>();
        getHealthMs().forEach(ms -> out.add(String.format(Locale.ROOT, "%.0f ms", ms)));
        return String.join(", ", out);
    }

    /** {@code 500 requests at 50.0/s, 0 failed, p50 3.1 ms, p99 9.8 ms}, or null without a load test. */
    public String getLoadText() {
        if (loadRequests == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%d requests at %.1f/s, %d failed, p50 %.1f ms, p99 %.1f ms", loadRequests,
                loadRps, loadFailed, loadP50Ms, loadP99Ms);
    }

    /** {@code 2380 ms to serving (switch 410 ms)}, or null for a failed call. */
    public String getTimingText() {
        if (failure != null || totalMs == null) {
            return null;
        }
        return String.format(Locale.ROOT, "%.0f ms to serving (switch %.0f ms)", totalMs, switchMs);
    }
}
