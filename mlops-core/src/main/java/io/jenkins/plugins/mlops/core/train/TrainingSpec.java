package io.jenkins.plugins.mlops.core.train;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one training run needs, as the user gave it (after validation). Immutable and serializable: the
 * Jenkins step builds it on the controller and ships it to the agent that owns the workspace.
 *
 * <p>Host paths are plain strings (resolved against {@link #getWorkDir()} when relative) because
 * {@link java.nio.file.Path} is not serializable.
 */
public final class TrainingSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final String dockerfile;
    private final String buildContext;
    private final List<String> command;
    private final Integer epochs;
    private final Map<String, Object> params;
    private final List<String> data;
    private final String modelInput;
    private final Map<String, String> env;
    private final Double cpus;
    private final Long memoryBytes;
    private final String gpus;
    private final Long shmSizeBytes;
    private final Long pidsLimit;
    private final List<String> capAdd;
    private final Duration timeout;
    private final String network;
    private final String name;
    private final String workDir;
    private final String outputDir;
    private final Map<String, String> labels;

    private TrainingSpec(Builder b) {
        this.image = b.image;
        this.dockerfile = b.dockerfile;
        this.buildContext = b.buildContext;
        this.command = b.command == null ? null : List.copyOf(b.command);
        this.epochs = b.epochs;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
        this.data = List.copyOf(b.data);
        this.modelInput = b.modelInput;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.cpus = b.cpus;
        this.memoryBytes = b.memoryBytes;
        this.gpus = b.gpus;
        this.shmSizeBytes = b.shmSizeBytes;
        this.pidsLimit = b.pidsLimit;
        this.capAdd = List.copyOf(b.capAdd);
        this.timeout = b.timeout;
        this.network = b.network;
        this.name = b.name;
        this.workDir = b.workDir;
        this.outputDir = b.outputDir;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Image to run; when a Dockerfile is given, the tag the built image gets (may be null: an id is used). */
    public String getImage() { return image; }
    /** Dockerfile to build first, relative to the build context or absolute; null to run {@link #getImage()}. */
    public String getDockerfile() { return dockerfile; }
    /** Directory sent as the build context; null means the Dockerfile's directory. */
    public String getBuildContext() { return buildContext; }
    /** Command and arguments replacing the image's CMD; null keeps the image's CMD. */
    public List<String> getCommand() { return command; }
    public Integer getEpochs() { return epochs; }
    /** Hyperparameters: names to strings, numbers or booleans (epochs included when set). */
    public Map<String, Object> getParams() { return params; }
    /** Host paths (files or directories) copied read-only into the container's data directory. */
    public List<String> getData() { return data; }
    /** Host path of a model (file or directory) copied read-only to {@code /mlops/model}: for evaluation runs. */
    public String getModelInput() { return modelInput; }
    public Map<String, String> getEnv() { return env; }
    public Double getCpus() { return cpus; }
    public Long getMemoryBytes() { return memoryBytes; }
    /** {@code all}, a count such as {@code 2}, or device ids such as {@code 0,1}; null for none. */
    public String getGpus() { return gpus; }
    public Long getShmSizeBytes() { return shmSizeBytes; }
    /** The most processes and threads the container may run at once; null for the default. */
    public Long getPidsLimit() { return pidsLimit; }
    /** Capabilities added back to a container that otherwise has none (Docker's names, as given). */
    public List<String> getCapAdd() { return capAdd; }
    public Duration getTimeout() { return timeout; }
    /** Docker network mode: {@code none} (default), {@code host} or a network name. */
    public String getNetwork() { return network; }
    /** A readable name for the run; becomes part of the container name. */
    public String getName() { return name; }
    /** Directory against which relative host paths are resolved (the workspace). */
    public String getWorkDir() { return workDir; }
    /** Host directory that receives the run's outputs (model, metrics, predictions). */
    public String getOutputDir() { return outputDir; }
    /** Extra labels put on every container and image the run creates. */
    public Map<String, String> getLabels() { return labels; }

    /** The hyperparameters as the container sees them: {@link #getParams()} plus {@code epochs} when set. */
    public Map<String, Object> effectiveParams() {
        Map<String, Object> all = new LinkedHashMap<>(params);
        if (epochs != null) {
            all.put("epochs", epochs);
        }
        return Collections.unmodifiableMap(all);
    }

    /** Collects arguments; {@link #build()} checks them together and names the first wrong one. */
    public static final class Builder {
        private String image;
        private String dockerfile;
        private String buildContext;
        private List<String> command;
        private Integer epochs;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private final List<String> data = new ArrayList<>();
        private String modelInput;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Double cpus;
        private Long memoryBytes;
        private String gpus;
        private Long shmSizeBytes;
        private Long pidsLimit;
        private final List<String> capAdd = new ArrayList<>();
        private Duration timeout;
        private String network = "none";
        private String name;
        private String workDir = System.getProperty("user.dir");
        private String outputDir;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder image(String v) { this.image = v; return this; }
        public Builder dockerfile(String v) { this.dockerfile = v; return this; }
        public Builder buildContext(String v) { this.buildContext = v; return this; }
        public Builder command(List<String> v) { this.command = v; return this; }
        public Builder epochs(Integer v) { this.epochs = v; return this; }
        public Builder params(Map<String, ?> v) { if (v != null) { this.params.putAll(v); } return this; }
        public Builder param(String k, Object v) { this.params.put(k, v); return this; }
        public Builder data(List<String> v) { if (v != null) { this.data.addAll(v); } return this; }
        public Builder modelInput(String v) { this.modelInput = v; return this; }
        public Builder env(Map<String, String> v) { if (v != null) { this.env.putAll(v); } return this; }
        public Builder cpus(Double v) { this.cpus = v; return this; }
        public Builder memoryBytes(Long v) { this.memoryBytes = v; return this; }
        public Builder gpus(String v) { this.gpus = v; return this; }
        public Builder shmSizeBytes(Long v) { this.shmSizeBytes = v; return this; }
        public Builder pidsLimit(Long v) { this.pidsLimit = v; return this; }
        public Builder capAdd(List<String> v) { if (v != null) { this.capAdd.addAll(v); } return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }
        /** {@code memory} as users write it ({@code 512m}, {@code 2g}); null for no limit. */
        public Builder memory(String text) {
            this.memoryBytes = text == null ? null : ArgumentParsers.byteSize("memory", text);
            return this;
        }
        /** {@code shmSize} as users write it ({@code 1g}); null for Docker's default. */
        public Builder shmSize(String text) {
            this.shmSizeBytes = text == null ? null : ArgumentParsers.byteSize("shmSize", text);
            return this;
        }
        /** {@code timeout} as users write it ({@code 90s}, {@code 1h30m}, a bare number of minutes); null for none. */
        public Builder timeout(String text) {
            this.timeout = text == null ? null : ArgumentParsers.duration("timeout", text);
            return this;
        }
        public Builder network(String v) { this.network = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder workDir(String v) { this.workDir = v; return this; }
        public Builder outputDir(String v) { this.outputDir = v; return this; }
        public Builder label(String k, String v) { this.labels.put(k, v); return this; }

        /** @throws io.jenkins.plugins.mlops.core.MlopsArgumentException naming the first wrong argument */
        public TrainingSpec build() {
            TrainingSpecValidator.validate(this);
            return new TrainingSpec(this);
        }

        // Read access for the validator, which lives beside the builder to keep this class about data.
        String image() { return image; }
        String dockerfile() { return dockerfile; }
        List<String> command() { return command; }
        Integer epochs() { return epochs; }
        Map<String, Object> params() { return params; }
        List<String> data() { return data; }
        Map<String, String> env() { return env; }
        Double cpus() { return cpus; }
        Long memoryBytes() { return memoryBytes; }
        String gpus() { return gpus; }
        Long shmSizeBytes() { return shmSizeBytes; }
        Long pidsLimit() { return pidsLimit; }
        List<String> capAdd() { return capAdd; }
        Duration timeout() { return timeout; }
        String network() { return network; }
        String name() { return name; }
        String outputDir() { return outputDir; }
    }
}
