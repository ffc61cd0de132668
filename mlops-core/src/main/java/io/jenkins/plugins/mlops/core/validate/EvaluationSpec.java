package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.job.JobArguments;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation container run, as the gate's arguments give it (after validation): the evaluation image (or the
 * Dockerfile to build it from), its command, the candidate model copied read-only to {@code /mlops/model} and the
 * evaluation data to {@code /mlops/data}, under the same container contract as training. Immutable and
 * serializable: the step builds it on the controller and ships it to the agent that owns the workspace. Host paths
 * are strings, resolved against {@link #getWorkDir()} there.
 */
public final class EvaluationSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Run name used when the caller gives none; it becomes part of the container name. */
    public static final String DEFAULT_NAME = "evaluate";

    private final String image;
    private final String dockerfile;
    private final List<String> command;
    private final String model;
    private final List<String> data;
    private final Duration timeout;
    private final Long pidsLimit;
    private final List<String> capAdd;
    private final String name;
    private final String workDir;
    private final String outputDir;
    private final Map<String, String> labels;

    private EvaluationSpec(Builder b) {
        this.image = b.image;
        this.dockerfile = b.dockerfile;
        this.command = b.command == null ? null : List.copyOf(b.command);
        this.model = b.model;
        this.data = List.copyOf(b.data);
        this.timeout = b.timeout;
        this.pidsLimit = b.pidsLimit;
        this.capAdd = List.copyOf(b.capAdd);
        this.name = b.name;
        this.workDir = b.workDir;
        this.outputDir = b.outputDir;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(b.labels));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The evaluation image; with a Dockerfile, the tag the built image gets (may then be null). */
    public String getImage() { return image; }
    public String getDockerfile() { return dockerfile; }
    /** Replaces the image's CMD; null keeps it. */
    public List<String> getCommand() { return command; }
    /** Host path of the candidate model (file or directory). */
    public String getModel() { return model; }
    public List<String> getData() { return data; }
    public Duration getTimeout() { return timeout; }
    /** The most processes and threads the container may run at once; null for the default. */
    public Long getPidsLimit() { return pidsLimit; }
    /** Capabilities added back to a container that otherwise has none (Docker's names, as given). */
    public List<String> getCapAdd() { return capAdd; }
    public String getName() { return name; }
    public String getWorkDir() { return workDir; }
    public String getOutputDir() { return outputDir; }
    public Map<String, String> getLabels() { return labels; }

    /**
     * A copy with the machine-specific parts filled in where the workspace is: the directory relative paths are
     * resolved against, the output directory, and the labels of the step call.
     */
    public EvaluationSpec on(String workDir, String outputDir, Map<String, String> labels) {
        Builder b = toBuilder().workDir(workDir).outputDir(outputDir);
        labels.forEach(b::label);
        return b.build();
    }

    /**
     * The same evaluation of another model — the baseline's files, pulled from the registry — with the image the
     * candidate's evaluation ran ({@code imageId}: the same image, not a rebuild), the same command and data, into its
     * own output directory.
     */
    public EvaluationSpec forBaseline(String imageId, String baselineModel, String baselineOutputDir) {
        return toBuilder().image(imageId).dockerfile(null).model(baselineModel).outputDir(baselineOutputDir)
                .name(name + "-baseline").build();
    }

    private Builder toBuilder() {
        Builder b = new Builder().image(image).dockerfile(dockerfile).command(command).model(model).data(data)
                .timeout(timeout).pidsLimit(pidsLimit).capAdd(capAdd).name(name).workDir(workDir).outputDir(outputDir);
        b.labels.putAll(labels);
        return b;
    }

    /** Collects arguments; {@link #build()} checks them together and names the first wrong one. */
    public static final class Builder {
        private String image;
        private String dockerfile;
        private List<String> command;
        private String model;
        private final List<String> data = new ArrayList<>();
        private Duration timeout;
        private Long pidsLimit;
        private final List<String> capAdd = new ArrayList<>();
        private String name = DEFAULT_NAME;
        private String workDir = System.getProperty("user.dir");
        private String outputDir;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder image(String v) { this.image = v; return this; }
        public Builder dockerfile(String v) { this.dockerfile = v; return this; }
        public Builder command(List<String> v) { this.command = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder data(List<String> v) { if (v != null) { this.data.addAll(v); } return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }
        public Builder pidsLimit(Long v) { this.pidsLimit = v; return this; }
        public Builder capAdd(List<String> v) { if (v != null) { this.capAdd.addAll(v); } return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder workDir(String v) { this.workDir = v; return this; }
        public Builder outputDir(String v) { this.outputDir = v; return this; }
        public Builder label(String k, String v) { this.labels.put(k, v); return this; }

        /**
         * Checks what can be checked without the files; paths are checked where they are, when the run starts.
         * An output directory is not required yet: the step chooses it on the agent ({@link #on}).
         *
         * @throws MlopsArgumentException naming the first wrong argument
         */
        public EvaluationSpec build() {
            JobArguments.requireImageOrDockerfile(image, dockerfile);
            JobArguments.checkCommand(command);
            if (model == null || model.isBlank()) {
                throw new MlopsArgumentException("model", "an evaluation needs the candidate model to evaluate"
                        + " (it is copied to /mlops/model)");
            }
            JobArguments.checkData(data);
            JobArguments.checkTimeout(timeout);
            JobArguments.checkPidsLimit(pidsLimit);
            JobArguments.checkCapAdd(capAdd);
            JobArguments.checkName(name);
            return new EvaluationSpec(this);
        }
    }
}
