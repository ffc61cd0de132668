package io.jenkins.plugins.mlops.train;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code mlTrain} Pipeline step: trains a model in a Docker container on the Docker Engine the build's
 * environment names ({@code DOCKER_HOST}, or the agent's local socket), following docs/container-contract.md.
 * Every argument is optional and named: {@code mlTrain image: 'trainer:1', epochs: 2}.
 *
 * <p>{@code command} is one string run by {@code /bin/sh -c} inside the container, like a Dockerfile's shell-form
 * {@code CMD} and like the {@code sh} step: Pipeline binds a string argument without surprises, quoting works as
 * users expect, and {@code $MLOPS_*} variables expand. Images without a shell keep their own {@code CMD}.
 */
public class MlTrainStep extends Step {

    /** Where in the workspace each call's outputs land, one directory per call. */
    static final String RUNS_DIR = ".mlops/runs";

    private String image;
    private String dockerfile;
    private String buildContext;
    private String command;
    private Integer epochs;
    private Map<String, Object> params;
    private List<String> data;
    /** Values are strings once valid; anything else a Pipeline map held is kept until {@link #start} names it. */
    private Map<String, Object> env;
    private Double cpus;
    private String memory;
    private String gpus;
    private String shmSize;
    private String timeout;
    private String network;
    private String name;

    @DataBoundConstructor
    public MlTrainStep() {
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = StepArguments.trimToNull(image);
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = StepArguments.trimToNull(dockerfile);
    }

    public String getBuildContext() {
        return buildContext;
    }

    @DataBoundSetter
    public void setBuildContext(String buildContext) {
        this.buildContext = StepArguments.trimToNull(buildContext);
    }

    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(String command) {
        this.command = StepArguments.trimToNull(command);
    }

    public Integer getEpochs() {
        return epochs;
    }

    @DataBoundSetter
    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Map<String, Object> getParams() {
        return params == null ? null : Collections.unmodifiableMap(params);
    }

    /** Groovy hands over GStrings for interpolated values; the container contract wants plain strings. */
    @DataBoundSetter
    public void setParams(Map<String, Object> params) {
        if (params == null) {
            this.params = null;
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : params.entrySet()) {
            Object v = e.getValue();
            copy.put(e.getKey() == null ? null : e.getKey().toString(), v instanceof CharSequence ? v.toString() : v);
        }
        this.params = copy;
    }

    public List<String> getData() {
        return data == null ? null : Collections.unmodifiableList(data);
    }

    @DataBoundSetter
    public void setData(List<String> data) {
        this.data = data == null ? null : new ArrayList<>(data);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> getEnv() {
        // Holds only strings unless start() is about to reject the value by name.
        return env == null ? null : (Map<String, String>) (Map<String, ?>) Collections.unmodifiableMap(env);
    }

    /** Numbers and booleans become their text, as {@code withEnv} would write them; other values fail in start. */
    @DataBoundSetter
    public void setEnv(Map<String, String> env) {
        if (env == null) {
            this.env = null;
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) env).entrySet()) {
            Object v = e.getValue();
            boolean textual = v instanceof CharSequence || v instanceof Number || v instanceof Boolean;
            copy.put(e.getKey() == null ? null : e.getKey().toString(), textual ? v.toString() : v);
        }
        this.env = copy;
    }

    public Double getCpus() {
        return cpus;
    }

    @DataBoundSetter
    public void setCpus(Double cpus) {
        this.cpus = cpus;
    }

    public String getMemory() {
        return memory;
    }

    @DataBoundSetter
    public void setMemory(String memory) {
        this.memory = StepArguments.trimToNull(memory);
    }

    public String getGpus() {
        return gpus;
    }

    @DataBoundSetter
    public void setGpus(String gpus) {
        this.gpus = StepArguments.trimToNull(gpus);
    }

    public String getShmSize() {
        return shmSize;
    }

    @DataBoundSetter
    public void setShmSize(String shmSize) {
        this.shmSize = StepArguments.trimToNull(shmSize);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = StepArguments.trimToNull(timeout);
    }

    public String getNetwork() {
        return network;
    }

    @DataBoundSetter
    public void setNetwork(String network) {
        this.network = StepArguments.trimToNull(network);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepArguments.trimToNull(name);
    }

    /**
     * Checks every argument before anything runs, so a wrong one fails the step at once with its name, then hands
     * the run to {@link MlTrainExecution}.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        Run<?, ?> run = context.get(Run.class);
        // Unique per call (several calls per build, parallel branches): build number for humans, random for uniqueness.
        String callId = run.getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String outputDir = RUNS_DIR + "/" + callId;
        TrainingSpec spec;
        try {
            spec = toSpec(workspace.getRemote(), workspace.child(outputDir).getRemote(), callId);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlTrain: " + e.getMessage());
        }
        return new MlTrainExecution(context, spec, callId, outputDir);
    }

    /**
     * The engine's view of these arguments; relative paths resolve against {@code workDir} (the workspace).
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    TrainingSpec toSpec(String workDir, String outputDir, String callId) {
        TrainingSpec.Builder b = TrainingSpec.builder()
                .image(image)
                .dockerfile(dockerfile)
                .buildContext(buildContext)
                .command(command == null ? null : List.of("/bin/sh", "-c", command))
                .epochs(epochs)
                .params(params)
                .data(data)
                .env(checkedEnv())
                .cpus(cpus)
                .memoryBytes(memory == null ? null : ArgumentParsers.byteSize("memory", memory))
                .gpus(gpus)
                .shmSizeBytes(shmSize == null ? null : ArgumentParsers.byteSize("shmSize", shmSize))
                .timeout(timeout == null ? null : ArgumentParsers.duration("timeout", timeout))
                .name(name)
                .workDir(workDir)
                .outputDir(outputDir)
                .label(ContainerLabels.STEP_CALL, callId);
        if (network != null) {
            b.network(network);
        }
        return b.build();
    }

    private Map<String, String> checkedEnv() {
        if (env == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : env.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String)) {
                throw new MlopsArgumentException("env", "value of '" + e.getKey()
                        + "' must be a string, number or boolean, got " + v.getClass().getSimpleName());
            }
            out.put(e.getKey(), (String) v);
        }
        return out;
    }

    /** Registers {@code mlTrain} with Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlTrain";
        }

        @Override
        public String getDisplayName() {
            return "Train a machine-learning model in a Docker container";
        }

        /** A workspace (so: inside {@code node}), its build, log and environment; no launcher, nothing is forked. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }
    }
}
