package io.jenkins.plugins.mlops.validate;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.ArgumentStyle;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
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

    private Map<String, Object> metrics;
    private String metricsFile;
    private String predictions;
    private String image;
    private String command;
    private String model;
    private List<String> data;
    private List<String> thresholds;
    private String compareTo;
    private Map<String, Object> baseline;
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

    @DataBoundConstructor
    public MlValidateStep() {
    }

    public Map<String, Object> getMetrics() {
        return metrics == null ? null : Collections.unmodifiableMap(metrics);
    }

    /** What mlTrain returned ({@code run.metrics}): names to numbers, nested maps allowed. */
    @DataBoundSetter
    public void setMetrics(Map<String, Object> metrics) {
        this.metrics = metrics == null ? null : new LinkedHashMap<>(metrics);
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

    public String getCommand() {
        return command;
    }

    /** One string run by {@code /bin/sh -c} in the evaluation container, as mlTrain's {@code command}. */
    @DataBoundSetter
    public void setCommand(String command) {
        this.command = StepArguments.trimToNull(command);
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

    public Map<String, Object> getBaseline() {
        return baseline == null ? null : Collections.unmodifiableMap(baseline);
    }

    @DataBoundSetter
    public void setBaseline(Map<String, Object> baseline) {
        this.baseline = baseline == null ? null : new LinkedHashMap<>(baseline);
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
        Run<?, ?> run = context.get(Run.class);
        ValidationSpec spec;
        try {
            spec = toSpec();
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        // Unique per call (several gates per build, parallel branches): build number for humans, random for uniqueness.
        String callId = run.getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new MlValidateExecution(context, spec, callId);
    }

    /**
     * The arguments as the core's gate takes them; every rule about them is the core's.
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    public ValidationSpec toSpec() {
        return ValidationSpec.builder(ArgumentStyle.STEP)
                .thresholds(thresholds)
                .metrics(metrics)
                .metricsFile(metricsFile)
                .predictions(predictions)
                .baselinePredictions(baselinePredictions)
                .history(history)
                .image(image)
                .command(command == null ? null : List.of("/bin/sh", "-c", command))
                .model(model)
                .data(data)
                .compareTo(compareTo)
                .baseline(baseline)
                .name(name)
                .registry(registry)
                .onFailure(onFailure)
                .confidence(confidence)
                .seed(seed)
                .resamples(resamples)
                .task(task)
                .correction(correction)
                .build();
    }

    /** Registers {@code mlValidate} with Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

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
    }
}
