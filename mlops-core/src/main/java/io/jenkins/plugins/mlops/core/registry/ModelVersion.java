package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registered, immutable version of a model: its files with digests and sizes, metrics, params, gate verdict
 * and lineage. {@link #getDigest()} identifies the whole version (the digest of its stored record in the embedded
 * store, of its manifest in an OCI registry); two different versions never share it.
 */
public final class ModelVersion implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int version;
    private final String digest;
    private final Instant createdAt;
    private final List<ModelFile> files;
    private final Map<String, Double> metrics;
    private final Map<String, Object> params;
    private final GateRecord gate;
    private final Lineage lineage;

    public ModelVersion(String name, int version, String digest, Instant createdAt, List<ModelFile> files,
            Map<String, Double> metrics, Map<String, Object> params, GateRecord gate, Lineage lineage) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = version;
        this.digest = digest;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.files = List.copyOf(files);
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.gate = gate == null ? GateRecord.notValidated() : gate;
        this.lineage = lineage == null ? Lineage.builder().build() : lineage;
    }

    public String getName() { return name; }
    /** 1, 2, 3... per model name, without gaps. */
    public int getVersion() { return version; }
    /** {@code sha256:<hex>} identifying this version's stored record or manifest. */
    public String getDigest() { return digest; }
    public Instant getCreatedAt() { return createdAt; }
    /** The model's files, sorted by path. */
    public List<ModelFile> getFiles() { return files; }
    public Map<String, Double> getMetrics() { return metrics; }
    public Map<String, Object> getParams() { return params; }
    public GateRecord getGate() { return gate; }
    public Lineage getLineage() { return lineage; }

    /** Sum of the files' sizes. */
    public long totalSize() {
        return files.stream().mapToLong(ModelFile::getSize).sum();
    }

    /** A copy carrying the digest the backend computed once the record was written. */
    public ModelVersion withDigest(String newDigest) {
        return new ModelVersion(name, version, newDigest, createdAt, files, metrics, params, gate, lineage);
    }

    /** A copy with another version number (used while a backend is choosing the next number). */
    public ModelVersion withVersion(int newVersion) {
        return new ModelVersion(name, newVersion, digest, createdAt, files, metrics, params, gate, lineage);
    }

    @Override
    public String toString() {
        return name + " v" + version + " (" + digest + ")";
    }
}
