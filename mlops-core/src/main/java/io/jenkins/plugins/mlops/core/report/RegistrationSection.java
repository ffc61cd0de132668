package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registration of a build: which version of which model, its digest, the aliases it received (and whether
 * {@code force} gave them past the gate), the gate as the registry recorded it, its size, metrics and lineage.
 *
 * @param name     the model's name
 * @param version  its new version number
 * @param digest   {@code sha256:...} of the version
 * @param aliases  aliases the registration pointed at it
 * @param forced   whether {@code force: true} gave them although the gate did not pass
 * @param gate     the recorded gate: passed, failed or never validated
 * @param registry where (a directory or an {@code oci://} URL, never credentials)
 * @param files    how many files
 * @param size     their total size in bytes
 * @param metrics  the metrics stored with the version
 * @param lineage  build, commit, image and data it came from
 */
public record RegistrationSection(String name, int version, String digest, List<String> aliases, boolean forced,
        Mark gate, String registry, int files, long size, Map<String, Double> metrics, Lineage lineage) {

    public RegistrationSection {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        lineage = lineage == null ? Lineage.builder().build() : lineage;
    }

    /** As the registry returned the new version. */
    public static RegistrationSection of(ModelVersion v, List<String> aliases, boolean forced, String registry) {
        return new RegistrationSection(v.getName(), v.getVersion(), v.getDigest(), aliases, forced,
                Mark.of(v.getGate().getPassed()), registry, v.getFiles().size(), v.totalSize(), v.getMetrics(),
                v.getLineage());
    }
}
