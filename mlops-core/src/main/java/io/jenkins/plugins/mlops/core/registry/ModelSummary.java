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

    public ModelSummary(String name, int versionCount, Integer latestVersion, Map<String, Integer> aliases) {
        this.name = name;
        this.versionCount = versionCount;
        this.latestVersion = latestVersion;
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    }

    public String getName() { return name; }
    public int getVersionCount() { return versionCount; }
    /** null for a model that has no version yet. */
    public Integer getLatestVersion() { return latestVersion; }
    /** Alias name to version, sorted by alias. */
    public Map<String, Integer> getAliases() { return aliases; }
}
