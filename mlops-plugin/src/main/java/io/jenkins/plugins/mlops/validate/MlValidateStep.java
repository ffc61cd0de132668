package io.jenkins.plugins.mlops.validate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsMaps;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.validate.ArgumentStyle;
import io.jenkins.plugins.mlops.core.validate.Correction;
import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.steps.CallIds;
import io.jenkins.plugins.mlops.steps.CommandArgument;
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
 * The {@code mlValidate} Pipeline step: the metric gate of docs/validate.md. Checks a candidate's metrics (given,
 * read from a workspace file, computed from predictions, or produced by an evaluation container) against
 * {@code thresholds}, comparing with a baseline: the last successful build ({@code compareTo: 'previous'}), a
 * registered model ({@code 'production'}, {@code 'v3'}, {@code 'latest'}, {@code 'model@alias'}), a metrics file, or
 * explicit values. A failed gate fails the step (and so the build), or with {@code onFailure: 'UNSTABLE'} marks the
 * build unstable and returns. Every argument is named; only {@code thresholds} is required.
 */
public class MlValidateStep extends Step {

    /** Where each call's evaluation container writes its outputs, one directory per call. */
    static final String EVAL_DIR = ".mlops/eval";

    /** A Jenkinsfile's map ({@code metrics: run.metrics}; nested maps allowed) or {@code name=value} lines. */
    private final NameValueArgument metrics = new NameValueArgument();
    private String metricsFile;
    private String predictions;
    private String image;
    /** Text (the shell form) or a Jenkinsfile's list (the exec form). */
    private final CommandArgument command = new CommandArgument();
    private String model;
    private List<String> data;
    private Long pidsLimit;
    private List<String> capAdd;
    private List<String> thresholds;
    private String compareTo;
    private final NameValueArgument baseline = new NameValueArgument();
    private String name;
    private String registry;
    private String onFailure;
    private Double confidence;
    private Long seed;
    private Integer resamples;
    private String task;
    private String correction;
    private String history;
    private String baselinePredictions;
    private String timeout;
    /** Argument names this step does not have; {@link #start} warns about them as Pipeline does. */
    private List<String> unknownArguments = List.of();

    @DataBoundConstructor
    public MlValidateStep() {
    }

    /** {@code name=value} lines; a map given in a Jenkinsfile ({@code run.metrics}) reads back in this form. */
    public String getMetrics() {
        return metrics.text(m -> MetricsMaps.flatten("metrics", m));
    }

    /** {@code name=value} lines of numbers; a Jenkinsfile gives a map instead, usually mlTrain's {@code run.metrics}. */
    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics.setText(metrics);
    }

    public String getMetricsFile() {
        return metricsFile;
    }

    @DataBoundSetter
    public void setMetricsFile(String metricsFile) {
        this.metricsFile = StepArguments.trimToNull(metricsFile);
    }

    public String getPredictions() {
        return predictions;
    }

    @DataBoundSetter
    public void setPredictions(String predictions) {
        this.predictions = StepArguments.trimToNull(predictions);
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = StepArguments.trimToNull(image);
    }

    /** The shell form; a list given in a Jenkinsfile reads back as the shell words that mean the same. */
    public String getCommand() {
        return command.text();
    }

    /** Text, run by {@code /bin/sh -c} in the evaluation container; a Jenkinsfile may give a list (no shell). */
    @DataBoundSetter
    public void setCommand(String command) {
        this.command.setText(command);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = StepArguments.trimToNull(model);
    }

    public List<String> getData() {
        return data == null ? null : Collections.unmodifiableList(data);
    }

    @DataBoundSetter
    public void setData(List<String> data) {
        this.data = data == null ? null : new ArrayList<>(data);
    }

    public Long getPidsLimit() {
        return pidsLimit;
    }

    @DataBoundSetter
    public void setPidsLimit(Long pidsLimit) {
        this.pidsLimit = pidsLimit;
    }

    public List<String> getCapAdd() {
        return capAdd == null ? null : Collections.unmodifiableList(capAdd);
    }

    /** Capabilities given back to a container that has none: {@code capAdd: ['CHOWN']}. */
    @DataBoundSetter
    public void setCapAdd(List<String> capAdd) {
        this.capAdd = capAdd == null ? null : new ArrayList<>(capAdd);
    }

    public List<String> getThresholds() {
        return thresholds == null ? null : Collections.unmodifiableList(thresholds);
    }

    /** Groovy hands over interpolated rules as GStrings; rules are text. */
    @DataBoundSetter
    public void setThresholds(List<String> thresholds) {
        if (thresholds == null) {
            this.thresholds = null;
            return;
        }
        List<String> copy = new ArrayList<>();
        for (Object t : (List<?>) thresholds) {
            copy.add(t == null ? null : t.toString());
        }
        this.thresholds = copy;
    }

    public String getCompareTo() {
        return compareTo;
    }

    @DataBoundSetter
    public void setCompareTo(String compareTo) {
        this.compareTo = StepArguments.trimToNull(compareTo);
    }

    /** {@code name=value} lines; a map given in a Jenkinsfile reads back in this form. */
    public String getBaseline() {
        return baseline.text(m -> MetricsMaps.flatten("baseline", m));
    }

    /** {@code name=value} lines of numbers; a Jenkinsfile may give a map instead. */
    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline.setText(baseline);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepArguments.trimToNull(name);
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = StepArguments.trimToNull(registry);
    }

    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(String onFailure) {
        this.onFailure = StepArguments.trimToNull(onFailure);
    }

    public Double getConfidence() {
        return confidence;
    }

    @DataBoundSetter
    public void setConfidence(Double confidence) {
        this.confidence = confidence;
    }

    public Long getSeed() {
        return seed;
    }

    @DataBoundSetter
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getResamples() {
        return resamples;
    }

    @DataBoundSetter
    public void setResamples(Integer resamples) {
        this.resamples = resamples;
    }

    public String getTimeout() {
        return timeout;
    }

    /** Stop the evaluation container after this long: {@code 90s}, {@code 30m}, {@code 2h}; as mlTrain's. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = StepArguments.trimToNull(timeout);
    }

    public String getTask() {
        return task;
    }

    @DataBoundSetter
    public void setTask(String task) {
        this.task = StepArguments.trimToNull(task);
    }

    public String getCorrection() {
        return correction;
    }

    /** {@code none}, {@code holm} or {@code bonferroni}: for several significant() rules. */
    @DataBoundSetter
    public void setCorrection(String correction) {
        this.correction = StepArguments.trimToNull(correction);
    }

    public String getHistory() {
        return history;
    }

    /** The training's history.csv in the workspace ({@code "${run.outputDir}/history.csv"}), read by history rules. */
    @DataBoundSetter
    public void setHistory(String history) {
        this.history = StepArguments.trimToNull(history);
    }

    public String getBaselinePredictions() {
        return baselinePredictions;
    }

    /** The baseline's predictions.csv for the same examples, in the workspace: the gate then compares paired. */
    @DataBoundSetter
    public void setBaselinePredictions(String baselinePredictions) {
        this.baselinePredictions = StepArguments.trimToNull(baselinePredictions);
    }

    /**
     * Parses the rules and checks every argument before anything runs, so a typo in a rule fails the step at once
     * with the rule, its column and a caret, then hands over to {@link MlValidateExecution}.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        PipelineArguments.warnUnknown(context.get(TaskListener.class), getClass(), unknownArguments);
        Run<?, ?> run = context.get(Run.class);
        ValidationSpec spec;
        try {
            spec = toSpec();
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        ReportHeading heading = StepReports.heading("mlValidate", context.get(EnvVars.class));
        return new MlValidateExecution(context, spec, CallIds.next(run), heading);
    }

    /**
     * The arguments as the core's gate takes them; every rule about them is the core's.
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    public ValidationSpec toSpec() {
        return ValidationSpec.builder(ArgumentStyle.STEP)
                .thresholds(thresholds)
                .metrics(metrics.numbers("metrics"))
                .metricsFile(metricsFile)
                .predictions(predictions)
                .baselinePredictions(baselinePredictions)
                .history(history)
                .image(image)
                .command(command.commandLine("command"))
                .model(model)
                .data(data)
                .pidsLimit(pidsLimit)
                .capAdd(capAdd)
                .compareTo(compareTo)
                .baseline(baseline.numbers("baseline"))
                .name(name)
                .registry(registry)
                .onFailure(onFailure)
                .confidence(confidence)
                .seed(seed)
                .resamples(resamples)
                .task(task)
                .correction(correction)
                .timeout(timeout == null ? null : ArgumentParsers.duration("timeout", timeout))
                .build();
    }

    /** What {@link DescriptorImpl#newInstance(Map)} took out of a Jenkinsfile's arguments. */
    void fromPipeline(Map<String, Object> metrics, Map<String, Object> baseline, List<Object> commandWords,
            List<String> unknown) {
        this.metrics.setMap(metrics);
        this.baseline.setMap(baseline);
        this.command.setWords(commandWords);
        this.unknownArguments = List.copyOf(unknown);
    }

    /** Registers {@code mlValidate} with Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        /** A Jenkinsfile's arguments: maps, a command list, whole numbers and unknown names (see PipelineArguments). */
        @Override
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            PipelineArguments a = PipelineArguments.of(getFunctionName(), clazz, arguments)
                    .wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE)
                    .wholeNumber("resamples", 1, Integer.MAX_VALUE)
                    .wholeNumber("pidsLimit", Long.MIN_VALUE, Long.MAX_VALUE);
            Map<String, Object> metrics = a.map("metrics");
            Map<String, Object> baseline = a.map("baseline");
            List<Object> commandWords = a.list("command");
            MlValidateStep step = (MlValidateStep) super.newInstance(a.remaining());
            step.fromPipeline(metrics, baseline, commandWords, a.unknown());
            return step;
        }

        /** The Snippet Generator's form: empty boxes are not given, thresholds and data are one per line. */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, FormArguments.of(formData).lines("thresholds").lines("data")
                    .lines("capAdd").wholeNumber("seed", Long.MIN_VALUE, Long.MAX_VALUE)
                    .wholeNumber("resamples", 1, Integer.MAX_VALUE).wholeNumber("pidsLimit", 2, Long.MAX_VALUE)
                    .number("confidence").form());
        }

        @Override
        public String getFunctionName() {
            return "mlValidate";
        }

        @Override
        public String getDisplayName() {
            return "Check a model's metrics against a quality gate";
        }

        /**
         * A workspace (metrics and predictions files, the evaluation container's inputs and outputs), its build (the
         * previous build's metrics, the result), log and environment.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }

        /** Every rule through the core's parser: the first error with its caret under the column. */
        public FormValidation doCheckThresholds(@QueryParameter String value) {
            return FormChecks.rules("thresholds", value);
        }

        public FormValidation doCheckMetrics(@QueryParameter String value) {
            return FormChecks.numbers("metrics", value);
        }

        public FormValidation doCheckBaseline(@QueryParameter String value) {
            return FormChecks.numbers("baseline", value);
        }

        public FormValidation doCheckOnFailure(@QueryParameter String value) {
            return FormChecks.parses(value, v -> FailureMode.parse("onFailure", v));
        }

        public FormValidation doCheckCorrection(@QueryParameter String value) {
            return FormChecks.parses(value, v -> Correction.parse("correction", v));
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.modelName("name", value);
        }

        public FormValidation doCheckImage(@QueryParameter String value) {
            return FormChecks.imageReference("image", value);
        }

        /** {@code 90s}, {@code 30m}, {@code 2h}. */
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return FormChecks.duration("timeout", value);
        }
    }
}
