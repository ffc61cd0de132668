package io.jenkins.plugins.mlops.registry;

import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code mlRegister} call's arguments once checked in {@code Step.start}. Metrics and params are null when not
 * given: the build's records fill them in when the step runs.
 */
final class RegistrationPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    final String name;
    final String model;
    final ArrayList<String> aliases;
    final boolean force;
    final LinkedHashMap<String, Double> metrics;
    final LinkedHashMap<String, Object> params;
    /** Null for the build's default ({@link RegistryLocations#forBuild}). */
    final RegistryLocation registry;

    RegistrationPlan(String name, String model, List<String> aliases, boolean force, Map<String, Double> metrics,
            Map<String, Object> params, RegistryLocation registry) {
        this.name = name;
        this.model = model;
        this.aliases = new ArrayList<>(aliases);
        this.force = force;
        this.metrics = metrics == null ? null : new LinkedHashMap<>(metrics);
        this.params = params == null ? null : new LinkedHashMap<>(params);
        this.registry = registry;
    }
}
