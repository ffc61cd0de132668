package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code mlRegister} / {@code mlops register} asks for: a model (file or directory on this machine) to store
 * under a name, the aliases to point at the new version, and what is known about it. Serializable so that the
 * Jenkins step can build it on the controller and run the registration where the files are.
 */
public final class RegistrationRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String modelPath;
    private final List<String> aliases;
    private final boolean force;
    private final Map<String, Double> metrics;
    private final Map<String, Object> params;
    private final GateRecord gate;
    private final Lineage lineage;

    private RegistrationRequest(Builder b) {
        this.name = b.name;
        this.modelPath = b.modelPath;
        this.aliases = List.copyOf(new LinkedHashSet<>(b.aliases));
        this.force = b.force;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
        this.gate = b.gate == null ? GateRecord.notValidated() : b.gate;
        this.lineage = b.lineage == null ? Lineage.builder().build() : b.lineage;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getName() { return name; }
    /** Absolute or working-directory-relative path of the model file or directory. */
    public String getModelPath() { return modelPath; }
    /** Aliases to point at the new version, without duplicates, in the order given. */
    public List<String> getAliases() { return aliases; }
    /** Let a version that has not passed its gate receive the aliases; recorded in the alias history. */
    public boolean isForce() { return force; }
    public Map<String, Double> getMetrics() { return metrics; }
    public Map<String, Object> getParams() { return params; }
    public GateRecord getGate() { return gate; }
    public Lineage getLineage() { return lineage; }

    /** Collects arguments; {@link #build()} checks them and names the first wrong one. */
    public static final class Builder {
        private String name;
        private String modelPath;
        private final List<String> aliases = new ArrayList<>();
        private boolean force;
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Map<String, Object> params = new LinkedHashMap<>();
        private GateRecord gate;
        private Lineage lineage;

        private Builder() {
        }

        public Builder name(String v) { this.name = v; return this; }
        public Builder modelPath(String v) { this.modelPath = v; return this; }
        public Builder aliases(List<String> v) { if (v != null) { this.aliases.addAll(v); } return this; }
        public Builder alias(String v) { this.aliases.add(v); return this; }
        public Builder force(boolean v) { this.force = v; return this; }
        public Builder metrics(Map<String, Double> v) { if (v != null) { this.metrics.putAll(v); } return this; }
        public Builder params(Map<String, ?> v) { if (v != null) { this.params.putAll(v); } return this; }
        public Builder gate(GateRecord v) { this.gate = v; return this; }
        public Builder lineage(Lineage v) { this.lineage = v; return this; }

        /** @throws MlopsArgumentException naming {@code name}, {@code model}, {@code aliases}, {@code metrics} or {@code params} */
        public RegistrationRequest build() {
            ModelNames.requireModelName("name", name);
            if (modelPath == null || modelPath.isBlank()) {
                throw new MlopsArgumentException("model", "give the path of the model file or directory to register");
            }
            for (String a : aliases) {
                ModelNames.requireAlias("aliases", a);
            }
            for (Map.Entry<String, Double> m : metrics.entrySet()) {
                if (m.getKey() == null || m.getKey().isBlank()) {
                    throw new MlopsArgumentException("metrics", "contains an empty metric name");
                }
                if (m.getValue() == null) {
                    throw new MlopsArgumentException("metrics", "metric '" + m.getKey() + "' has no value");
                }
            }
            for (Map.Entry<String, Object> p : params.entrySet()) {
                if (p.getKey() == null || p.getKey().isBlank()) {
                    throw new MlopsArgumentException("params", "contains an empty parameter name");
                }
                RegistryJson.requireJsonValue("params", p.getKey(), p.getValue());
            }
            return new RegistrationRequest(this);
        }
    }
}
