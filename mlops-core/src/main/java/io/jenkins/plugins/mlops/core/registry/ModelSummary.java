package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One model in a registry listing: its name, how many versions, the latest, and where its aliases point. */
public final class ModelSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int versionCount;
    private final Integer latestVersion;
    private final Map<String, Integer> aliases;
    private final RegistryException problem;

    public ModelSummary(String name, int versionCount, Integer latestVersion, Map<String, Integer> aliases) {
        this(name, versionCount, latestVersion, aliases, null);
    }

    private ModelSummary(String name, int versionCount, Integer latestVersion, Map<String, Integer> aliases,
            RegistryException problem) {
        this.name = name;
        this.versionCount = versionCount;
        this.latestVersion = latestVersion;
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        this.problem = problem;
    }

    /**
     * A listing entry for something that cannot be listed as a model: another tool's repository
     * ({@link RegistryException.Kind#FOREIGN}) or a model whose history cannot be read. The listing goes on with the
     * other models.
     */
    public static ModelSummary unreadable(String name, RegistryException problem) {
        return new ModelSummary(name, 0, null, Map.of(), java.util.Objects.requireNonNull(problem, "problem"));
    }

    public String getName() { return name; }
    public int getVersionCount() { return versionCount; }
    /** null for a model that has no version yet. */
    public Integer getLatestVersion() { return latestVersion; }
    /** Alias name to version, sorted by alias. */
    public Map<String, Integer> getAliases() { return aliases; }
    /** Why this entry is not a readable model, or null when it is one. */
    public RegistryException getProblem() { return problem; }
    public boolean isReadable() { return problem == null; }
}
