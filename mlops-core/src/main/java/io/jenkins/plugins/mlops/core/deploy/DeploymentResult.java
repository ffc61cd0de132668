package io.jenkins.plugins.mlops.core.deploy;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a deployment did: which version now serves which endpoint, what served before, what the checks measured and
 * how long it took.
 *
 * @param previousVersion what served before, or null for a new service
 * @param rollback        whether this was {@code version: 'previous'}
 * @param instant         whether the switch reused running replicas (a rollback to a kept version)
 * @param healthMs        per replica, from its start to its first healthy answer (0 for reused replicas)
 * @param load            the load test's figures, or null when there was none
 * @param switchMs        how long the proxy took to move traffic (its check of the new replicas included)
 * @param totalMs         from the start of the deployment to the new version serving
 * @param keptUntil       until when the replaced version stays ready for an instant rollback, null when removed
 */
public record DeploymentResult(String service, String model, int version, Integer previousVersion, String endpoint,
                               String deploymentId, boolean rollback, boolean instant, boolean forced, String image,
                               String alias, List<String> replicas, List<Double> healthMs, List<SmokeResult> smoke,
                               LoadSummary load, double switchMs, double totalMs, Instant keptUntil)
        implements Serializable {

    /** Unmodifiable copies of the JDK's plain collections: the result crosses a Jenkins channel (List.of would not). */
    public DeploymentResult {
        replicas = Collections.unmodifiableList(new ArrayList<>(replicas));
        healthMs = Collections.unmodifiableList(new ArrayList<>(healthMs));
        smoke = Collections.unmodifiableList(new ArrayList<>(smoke));
    }

    /** The figures the registry's deployment history keeps, by name. */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("total_ms", round(totalMs));
        f.put("switch_ms", round(switchMs));
        f.put("health_ms", round(healthMs.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        for (int i = 0; i < smoke.size(); i++) {
            f.put("smoke." + i + ".latency_ms", round(smoke.get(i).latencyMs()));
        }
        if (load != null) {
            f.putAll(loadFigures(load));
        }
        return f;
    }

    static Map<String, Double> loadFigures(LoadSummary load) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("load.requests", (double) load.total());
        f.put("load.failed", (double) load.failed());
        f.put("load.rps", round(load.achievedRatePerSecond()));
        f.put("load.p50_ms", round(load.p50Millis()));
        f.put("load.p99_ms", round(load.p99Millis()));
        return f;
    }

    /** One line for the build log. */
    public String describe() {
        return String.format(Locale.ROOT, "%s v%d serves %s%s (%s%d replica%s, %.0f ms to serving)", model, version,
                endpoint, previousVersion == null ? "" : ", replacing v" + previousVersion,
                rollback ? "rollback, " : "", replicas.size(), replicas.size() == 1 ? "" : "s", totalMs);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
