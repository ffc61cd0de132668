package io.jenkins.plugins.mlops.registry;

import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.validate.Numbers;
import io.jenkins.plugins.mlops.steps.ApiValues;
import io.jenkins.plugins.mlops.steps.BuildReportAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One {@code mlRegister} call of a build: which version of which model it stored, where, with which aliases, what
 * the gate said, and the lineage it recorded. Shown in the build's ML report and on its own page.
 *
 * <p>Saved in build.xml by Jenkins' XStream, so every field is a plain value, an {@link ArrayList} or a
 * {@link LinkedHashMap}; the registry's own classes are not stored, so this record reads the same whatever the
 * registry code becomes. The owning build is transient and set again on load.
 */
@ExportedBean
public class RegistrationAction extends BuildReportAction {

    private final String name;
    private final int version;
    private final String digest;
    private final ArrayList<String> aliases;
    private final boolean forced;
    /** {@code passed}, {@code failed} or {@code not validated}. */
    private final String gate;
    private final String registry;
    private final int fileCount;
    private final long size;
    private final LinkedHashMap<String, Double> metrics;
    private final String job;
    private final Integer buildNumber;
    private final String buildUrl;
    private final String gitCommit;
    private final String gitUrl;
    private final String trainingImageId;
    private final String dataDigest;
    private final String actor;


    public RegistrationAction(ModelVersion v, List<String> aliases, boolean forced, String registry) {
        this.name = v.getName();
        this.version = v.getVersion();
        this.digest = v.getDigest();
        this.aliases = new ArrayList<>(aliases);
        this.forced = forced;
        this.gate = v.getGate().describe();
        this.registry = registry;
        this.fileCount = v.getFiles().size();
        this.size = v.totalSize();
        this.metrics = new LinkedHashMap<>(v.getMetrics());
        Lineage l = v.getLineage();
        this.job = l.getJob();
        this.buildNumber = l.getBuildNumber();
        this.buildUrl = l.getBuildUrl();
        this.gitCommit = l.getGitCommit();
        this.gitUrl = l.getGitUrl();
        this.trainingImageId = l.getTrainingImageId();
        this.dataDigest = l.getDataDigest();
        this.actor = l.getActor();
    }

    /**
     * No entry in the build's side panel: the build's one ML report (io.jenkins.plugins.mlops.report) shows every
     * step; this record's own page stays at its URL.
     */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Registered " + name + " v" + version;
    }

    /** A model version is registered once, so its name and number keep several registrations of a build apart. */
    @Override
    public String getUrlName() {
        return "mlops-register-" + name + "-v" + version;
    }

    /**
     * The registry page of this version, relative to Jenkins' root URL (the report package's RegistryRootAction
     * serves it; a test holds the two to the same path). The name is a validated model name, safe in a path.
     */
    public String getRegistryPagePath() {
        return "mlops-registry/model/" + name + "/version/" + version + "/";
    }

    @Exported(visibility = 2)
    public String getName() {
        return name;
    }

    @Exported(visibility = 2)
    public int getVersion() {
        return version;
    }

    /** {@code sha256:...} of the version's record (directory registry) or manifest (OCI). */
    @Exported(visibility = 2)
    public String getDigest() {
        return digest;
    }

    @Exported(visibility = 2)
    public List<String> getAliases() {
        return aliases == null ? List.of() : Collections.unmodifiableList(aliases);
    }

    /** Whether {@code force: true} gave the aliases to a version whose gate did not pass. */
    @Exported
    public boolean isForced() {
        return forced;
    }

    @Exported(visibility = 2)
    public String getGate() {
        return gate;
    }

    /** The directory or {@code oci://} URL; never credentials. */
    @Exported
    public String getRegistry() {
        return registry;
    }

    @Exported
    public int getFileCount() {
        return fileCount;
    }

    @Exported
    public long getSize() {
        return size;
    }

    public Map<String, Double> getMetrics() {
        return metrics == null ? Map.of() : Collections.unmodifiableMap(metrics);
    }

    /** The metrics, each value as the gate writes numbers. */
    /** The metrics as the REST API shows them ({@link ApiValues}). */
    @Exported(name = "metrics", visibility = 2)
    public Map<String, Object> getMetricsForApi() {
        return ApiValues.numbers(getMetrics());
    }

    public Map<String, String> getMetricsText() {
        Map<String, String> out = new LinkedHashMap<>();
        getMetrics().forEach((k, v) -> out.put(k, Numbers.format(v)));
        return out;
    }

    @Exported
    public String getJob() {
        return job;
    }

    @Exported
    public Integer getBuildNumber() {
        return buildNumber;
    }

    public String getBuildUrl() {
        return buildUrl;
    }

    @Exported
    public String getGitCommit() {
        return gitCommit;
    }

    @Exported
    public String getGitUrl() {
        return gitUrl;
    }

    @Exported
    public String getTrainingImageId() {
        return trainingImageId;
    }

    @Exported
    public String getDataDigest() {
        return dataDigest;
    }

    public String getActor() {
        return actor;
    }
}
