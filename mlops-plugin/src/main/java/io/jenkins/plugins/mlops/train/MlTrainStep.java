package io.jenkins.plugins.mlops.train;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.job.JobCommand;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.CallIds;
import io.jenkins.plugins.mlops.steps.ContainerStep;
import io.jenkins.plugins.mlops.steps.FormArguments;
import io.jenkins.plugins.mlops.steps.FormChecks;
import io.jenkins.plugins.mlops.steps.NameValueArgument;
import io.jenkins.plugins.mlops.steps.PipelineArguments;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import io.jenkins.plugins.mlops.steps.StepReports;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The {@code mlTrain} Pipeline step: trains a model in a Docker container on the Docker Engine the build's
 * environment names ({@code DOCKER_HOST}, or the agent's local socket), following docs/container-contract.md.
 * Every argument is optional and named: {@code mlTrain image: 'trainer:1', epochs: 2}.
 *
 * <p>{@code command} takes both forms of a Dockerfile's {@code CMD} ({@link JobCommand}): a string is run by
 * {@code /bin/sh -c} (quoting works as in the {@code sh} step, {@code $MLOPS_*} variables expand), a list is run
 * as it is. Map arguments ({@code params}, {@code env}) are declared as {@code name=value} text so the Snippet
 * Generator and the step reference can describe them; a Jenkinsfile gives them as maps (see
 * {@link PipelineArguments}).
 */
public class MlTrainStep extends ContainerStep {

    /** Where in the workspace each call's outputs land, one directory per call. */
    static final String RUNS_DIR = ".mlops/runs";

    private Integer epochs;
    /** A Jenkinsfile's map ({@code params: [lr: 0.01]}) or {@code name=value} lines. */
    private final NameValueArgument params = new NameValueArgument();
    private List<String> data;
    /** Argument names this step does not have; {@link #start} warns about them as Pipeline does. */
    private List<String> unknownArguments = List.of();
    private String shmSize;
    private String timeout;
    private String network;
    private List<String> capAdd;
    private String name;

    @DataBoundConstructor
    public MlTrainStep() {
    }

    public Integer getEpochs() {
        return epochs;
    }

    @DataBoundSetter
    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    /** {@code name=value} lines; a map given in a Jenkinsfile reads back in this form. */
    public String getParams() {
        return params.text();
    }

    /** {@code name=value} lines (numbers and booleans read as such); a Jenkinsfile may give a map instead. */
    @DataBoundSetter
    public void setParams(String params) {
        this.params.setText(params);
    }

    public List<String> getData() {
        return data == null ? null : Collections.unmodifiableList(data);
    }

    @DataBoundSetter
    public void setData(List<String> data) {
        this.data = data == null ? null : new ArrayList<>(data);
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

    public List<String> getCapAdd() {
        return capAdd == null ? null : Collections.unmodifiableList(capAdd);
    }

    /** Capabilities given back to a container that has none: {@code capAdd: ['CHOWN']}. */
    @DataBoundSetter
    public void setCapAdd(List<String> capAdd) {
        this.capAdd = capAdd == null ? null : new ArrayList<>(capAdd);
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
        PipelineArguments.warnUnknown(context.get(TaskListener.class), getClass(), unknownArguments);
        FilePath workspace = context.get(FilePath.class);
        Run<?, ?> run = context.get(Run.class);
        String callId = CallIds.next(run);
        String outputDir = RUNS_DIR + "/" + callId;
        TrainingSpec spec;
        try {
            spec = toSpec(workspace.getRemote(), workspace.child(outputDir).getRemote(), callId);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlTrain: " + e.getMessage());
        }
        ReportHeading heading = StepReports.heading("mlTrain", context.get(EnvVars.class));
        return new MlTrainExecution(context, spec, callId, outputDir, heading);
    }

    /**
     * The engine's view of these arguments; relative paths resolve against {@code workDir} (the workspace).
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    TrainingSpec toSpec(String workDir, String outputDir, String callId) {
        TrainingSpec.Builder b = TrainingSpec.builder()
                .image(getImage())
                .dockerfile(getDockerfile())
                .buildContext(getBuildContext())
                .command(command().commandLine("command"))
                .epochs(epochs)
                .params(params.typed("params"))
                .data(data)
                .env(env().strings("env"))
                .cpus(getCpus())
                .memory(getMemory())
                .gpus(getGpus())
                .shmSize(shmSize)
                .timeout(timeout)
                .name(name)
                .pidsLimit(getPidsLimit())
                .capAdd(capAdd)
                .workDir(workDir)
                .outputDir(outputDir)
                .label(ContainerLabels.STEP_CALL, callId);
        if (network != null) {
            b.network(network);
        }
        return b.build();
    }

    /** What {@link DescriptorImpl#newInstance(Map)} took out of a Jenkinsfile's arguments. */
    void fromPipeline(Map<String, Object> params, Map<String, Object> env, List<Object> commandWords,
            List<String> unknown) {
        this.params.setMap(params);
        env().setMap(env);
        command().setWords(commandWords);
        this.unknownArguments = List.copyOf(unknown);
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

        /**
         * A workspace (so: inside {@code node}), its build, log and environment, and the node's launcher, which
         * only Jenkins' artifact API takes (the report is archived with it); nothing is forked.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }

        /** A Jenkinsfile's arguments: maps, a command list, whole numbers and unknown names (see PipelineArguments). */
        @Override
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            PipelineArguments a = PipelineArguments.of(getFunctionName(), clazz, arguments)
                    .wholeNumber("epochs", 0, Integer.MAX_VALUE)
                    .wholeNumber("pidsLimit", Long.MIN_VALUE, Long.MAX_VALUE);
            Map<String, Object> params = a.map("params");
            Map<String, Object> env = a.map("env");
            List<Object> commandWords = a.list("command");
            MlTrainStep step = (MlTrainStep) super.newInstance(a.remaining());
            step.fromPipeline(params, env, commandWords, a.unknown());
            return step;
        }

        /** The Snippet Generator's form: empty boxes are not given, lists are one entry per line, numbers checked. */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, FormArguments.of(formData).lines("data").lines("capAdd")
                    .wholeNumber("epochs", 0, Integer.MAX_VALUE).wholeNumber("pidsLimit", 2, Long.MAX_VALUE)
                    .number("cpus").form());
        }

        /** The Snippet Generator warns when neither image nor dockerfile is filled in (the step would refuse), and checks the reference. */
        public FormValidation doCheckImage(@QueryParameter String value, @QueryParameter String dockerfile) {
            return FormChecks.image(value, dockerfile);
        }

        public FormValidation doCheckDockerfile(@QueryParameter String value, @QueryParameter String image) {
            return FormChecks.imageOrDockerfile(image, value);
        }

        /** {@code 2g}, {@code 512m}: the same TrainingSpec setter the step calls, so the same message. */
        public FormValidation doCheckMemory(@QueryParameter String value) {
            return FormChecks.parses(value, v -> TrainingSpec.builder().memory(v));
        }

        public FormValidation doCheckShmSize(@QueryParameter String value) {
            return FormChecks.parses(value, v -> TrainingSpec.builder().shmSize(v));
        }

        /** {@code 90s}, {@code 30m}, {@code 2h}. */
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return FormChecks.parses(value, v -> TrainingSpec.builder().timeout(v));
        }
    }
}
