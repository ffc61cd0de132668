package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsMaps;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gate's arguments once checked (docs/validate.md): parsed rules, gate options, where the candidate's metrics
 * come from (given values, a metrics file, predictions, an evaluation container), where the baseline comes from, and
 * what a failed gate does. {@link Builder#build()} holds every input rule of {@code mlValidate} and
 * {@code mlops validate}, so that both only bind arguments and resolve files, and both say the same thing. Immutable
 * and serializable: the step builds it on the controller and ships it to the agent that holds the workspace.
 */
public final class ValidationSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The value of {@code compareTo} that means the last successful build of the same job (Jenkins only). */
    public static final String PREVIOUS = "previous";

    private final ArgumentStyle style;
    private final RuleSet rules;
    private final ArrayList<String> thresholds;
    private final GateOptions options;
    private final FailureMode onFailure;
    private final LinkedHashMap<String, Double> metrics;
    private final String metricsFile;
    private final String predictions;
    private final String baselinePredictions;
    private final String history;
    private final EvaluationSpec evaluation;
    private final String compareTo;
    private final LinkedHashMap<String, Double> baseline;
    private final String name;
    private final RegistryLocation registry;

    private ValidationSpec(Builder b, RuleSet rules, GateOptions options, FailureMode onFailure,
            Map<String, Double> metrics, Map<String, Double> baseline, EvaluationSpec evaluation,
            RegistryLocation registry) {
        this.style = b.style;
        this.rules = rules;
        this.thresholds = new ArrayList<>(b.thresholds);
        this.options = options;
        this.onFailure = onFailure;
        this.metrics = metrics == null ? null : new LinkedHashMap<>(metrics);
        this.metricsFile = b.metricsFile;
        this.predictions = b.predictions;
        this.baselinePredictions = b.baselinePredictions;
        this.history = b.history;
        this.evaluation = evaluation;
        this.compareTo = b.compareTo;
        this.baseline = baseline == null ? null : new LinkedHashMap<>(baseline);
        this.name = b.name;
        this.registry = registry;
    }

    /** @param style how the arguments are spelled in messages: the step's names or the CLI's options */
    public static Builder builder(ArgumentStyle style) {
        return new Builder(style);
    }

    public ArgumentStyle getStyle() { return style; }
    public RuleSet getRules() { return rules; }
    public List<String> getThresholds() { return Collections.unmodifiableList(thresholds); }
    public GateOptions getOptions() { return options; }
    public FailureMode getOnFailure() { return onFailure; }
    /** The given metrics, flattened ({@code eval.rmse}); null when none were given. */
    public Map<String, Double> getMetrics() { return metrics == null ? null : Collections.unmodifiableMap(metrics); }
    /** A metrics file (JSON, YAML, TOML), relative to the work directory; null when not given. */
    public String getMetricsFile() { return metricsFile; }
    /** A predictions.csv, relative to the work directory; null when not given. */
    public String getPredictions() { return predictions; }
    /**
     * The baseline's predictions.csv for the same examples, relative to the work directory; null when not given (an
     * evaluation container re-evaluates a registered baseline itself, {@link BaselineEvaluation}).
     */
    public String getBaselinePredictions() { return baselinePredictions; }
    /** The training's history.csv, relative to the work directory; null when not given. */
    public String getHistory() { return history; }
    /** The evaluation container to run first; null when the metrics come from elsewhere. */
    public EvaluationSpec getEvaluation() { return evaluation; }
    public boolean runsEvaluation() { return evaluation != null; }
    /** {@code previous}, a file, or a registered model's reference; null for no baseline. */
    public String getCompareTo() { return compareTo; }
    /** Baseline values given directly, overriding compareTo's name by name; null when not given. */
    public Map<String, Double> getBaseline() { return baseline == null ? null : Collections.unmodifiableMap(baseline); }
    /** The registered model compareTo reads; null to find it otherwise ({@link RegistryBaselines}). */
    public String getName() { return name; }
    /** The registry compareTo reads; null for the default. */
    public RegistryLocation getRegistry() { return registry; }

    /** Collects arguments as they were bound; {@link #build()} checks them together and names the first wrong one. */
    public static final class Builder {
        private final ArgumentStyle style;
        private List<String> thresholds;
        private Map<?, ?> metrics;
        private String metricsFile;
        private String predictions;
        private String baselinePredictions;
        private String history;
        private String image;
        private String dockerfile;
        private List<String> command;
        private String model;
        private List<String> data;
        private Duration timeout;
        private Long pidsLimit;
        private List<String> capAdd;
        private String compareTo;
        private Map<?, ?> baseline;
        private String name;
        private String registry;
        private String onFailure;
        private Double confidence;
        private Long seed;
        private Integer resamples;
        private String task;
        private String correction;

        private Builder(ArgumentStyle style) {
            this.style = style;
        }

        public Builder thresholds(List<String> v) { this.thresholds = v; return this; }
        /** Names to numbers; nested maps allowed (a Pipeline's {@code run.metrics}); null when not given. */
        public Builder metrics(Map<?, ?> v) { this.metrics = v; return this; }
        public Builder metricsFile(String v) { this.metricsFile = v; return this; }
        public Builder predictions(String v) { this.predictions = v; return this; }
        public Builder baselinePredictions(String v) { this.baselinePredictions = v; return this; }
        public Builder history(String v) { this.history = v; return this; }
        public Builder image(String v) { this.image = v; return this; }
        public Builder dockerfile(String v) { this.dockerfile = v; return this; }
        public Builder command(List<String> v) { this.command = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder data(List<String> v) { this.data = v; return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }
        public Builder pidsLimit(Long v) { this.pidsLimit = v; return this; }
        public Builder capAdd(List<String> v) { this.capAdd = v; return this; }
        public Builder compareTo(String v) { this.compareTo = v; return this; }
        public Builder baseline(Map<?, ?> v) { this.baseline = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder registry(String v) { this.registry = v; return this; }
        public Builder onFailure(String v) { this.onFailure = v; return this; }
        public Builder confidence(Double v) { this.confidence = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }
        public Builder resamples(Integer v) { this.resamples = v; return this; }
        public Builder task(String v) { this.task = v; return this; }
        /** {@code none} (or null), {@code holm} or {@code bonferroni}. */
        public Builder correction(String v) { this.correction = v; return this; }

        /**
         * Checks every argument before anything runs: a typo in a rule fails at once with the rule, its column and
         * a caret; arguments that only make sense together are refused apart.
         *
         * @throws MlopsArgumentException naming the first wrong argument as the user spelled it
         */
        public ValidationSpec build() {
            RuleSet rules = RuleSet.parse(style.spell("thresholds"), thresholds);
            FailureMode mode = FailureMode.parse(style.spell("onFailure"), onFailure);
            GateOptions options = GateOptions.builder(style.optionPrefix()).confidence(confidence).seed(seed)
                    .resamples(resamples).task(task).correction(correction).build();
            Map<String, Double> candidate = metrics == null ? null : MetricsMaps.flatten(style.spell("metrics"), metrics);
            Map<String, Double> explicitBaseline = baseline == null ? null
                    : MetricsMaps.flatten(style.spell("baseline"), baseline);
            EvaluationSpec evaluation = evaluation();
            if (baselinePredictions != null && predictions == null && evaluation == null) {
                throw new MlopsArgumentException(style.spell("baselinePredictions"), "pairs the baseline's predictions"
                        + " with the candidate's; give " + style.spell("predictions") + " (or an evaluation "
                        + style.spell("image") + " that writes them) too");
            }
            if (candidate == null && metricsFile == null && predictions == null && evaluation == null
                    && history == null) {
                throw new MlopsArgumentException(style.spell("metrics"), "no metrics to check: give "
                        + style.spell("metrics") + (style == ArgumentStyle.STEP ? " (e.g. run.metrics)" : "") + ", "
                        + style.spell("metricsFile") + ", " + style.spell("predictions") + " or an evaluation "
                        + style.spell("image"));
            }
            if (compareTo == null) {
                if (name != null) {
                    throw new MlopsArgumentException(style.spell("name"), "names the registered model "
                            + style.spell("compareTo") + " reads; give " + style.spell("compareTo") + " too, e.g. "
                            + example());
                }
                if (registry != null) {
                    throw new MlopsArgumentException(style.spell("registry"), "is where " + style.spell("compareTo")
                            + " finds a registered model; give " + style.spell("compareTo") + " too, e.g. "
                            + example());
                }
            }
            RegistryLocation location = registry == null ? null : RegistryLocation.parse(style.spell("registry"), registry);
            return new ValidationSpec(this, rules, options, mode, candidate, explicitBaseline, evaluation, location);
        }

        /** The evaluation container, when an image (or a Dockerfile) says there is one. */
        private EvaluationSpec evaluation() {
            if (image == null && dockerfile == null) {
                requireImageFor("command", command);
                requireImageFor("model", model);
                requireImageFor("data", data);
                requireImageFor("pidsLimit", pidsLimit);
                requireImageFor("capAdd", capAdd);
                requireImageFor("timeout", timeout);
                return null;
            }
            try {
                return EvaluationSpec.builder().image(image).dockerfile(dockerfile).command(command).model(model)
                        .data(data).timeout(timeout).pidsLimit(pidsLimit).capAdd(capAdd).build();
            } catch (MlopsArgumentException e) {
                throw style.respell(e);
            }
        }

        private void requireImageFor(String argument, Object value) {
            if (value != null) {
                throw new MlopsArgumentException(style.spell(argument), "is for the evaluation container; give "
                        + style.spell("image") + " too");
            }
        }

        /** {@code compareTo: 'production'} for the step, {@code --compare-to production} for the CLI. */
        private String example() {
            return style == ArgumentStyle.STEP ? "compareTo: 'production'" : style.spell("compareTo") + " production";
        }
    }
}
