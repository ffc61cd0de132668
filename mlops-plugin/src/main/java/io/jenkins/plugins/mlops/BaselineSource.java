package io.jenkins.plugins.mlops;

import hudson.AbortException;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineFiles;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a gate's baseline comes from, decided on the controller: already known (the previous build's metrics, a
 * registered model's, none) or a file in the workspace that only the agent can read. Explicit {@code baseline:}
 * values override either, name by name, as {@code --baseline} overrides {@code --compare-to} in the CLI.
 */
final class BaselineSource implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How an explicit {@code baseline:} map is described in the report. */
    static final String EXPLICIT = "baseline argument";

    private final Baseline known;
    private final String file;
    private final LinkedHashMap<String, Double> explicit;

    private BaselineSource(Baseline known, String file, Map<String, Double> explicit) {
        this.known = known;
        this.file = file;
        this.explicit = explicit == null ? null : new LinkedHashMap<>(explicit);
    }

    static BaselineSource of(Baseline known, Map<String, Double> explicit) {
        return new BaselineSource(known, null, explicit);
    }

    /** @param file workspace-relative (or absolute) path of a metrics or verdict file */
    static BaselineSource file(String file, Map<String, Double> explicit) {
        return new BaselineSource(null, file, explicit);
    }

    /** The baseline, reading the file where it is: call on the machine that holds the workspace. */
    Baseline resolve(File workspace) throws IOException {
        Baseline base = known;
        if (file != null) {
            Path p = workspace.toPath().resolve(file);
            try {
                base = Baseline.of(BaselineFiles.read(p), file);
            } catch (IOException e) {
                throw new AbortException("mlValidate: Invalid argument 'compareTo': " + e.getMessage());
            }
        }
        if (explicit == null) {
            return base;
        }
        if (base == null || !base.isPresent()) {
            return Baseline.of(explicit, EXPLICIT);
        }
        Map<String, Double> merged = new LinkedHashMap<>(base.getMetrics());
        merged.putAll(explicit);
        return Baseline.of(merged, base.getDescription() + " + " + EXPLICIT);
    }
}
