package io.jenkins.plugins.mlops.validate;

import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.Numbers;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import io.jenkins.plugins.mlops.steps.ApiValues;
import io.jenkins.plugins.mlops.steps.BuildReportAction;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One {@code mlValidate} call of a build: its verdict with every rule (status, value, threshold, baseline value,
 * reason), the baseline, the notes, and the candidate's metrics. Shown in the build's ML report and on its own
 * page (the table). The next build's {@code compareTo: 'previous'} reads the candidate's metrics from here, and
 * mlRegister the verdict.
 *
 * <p>Saved in build.xml by Jenkins' XStream, under the plugin's persistence rule (docs/architecture.md): only
 * plain values in fields of the plugin's own classes, never an object of mlops-core, whose classes change with the
 * engine. The verdict is kept as its documented, versioned verdict file ({@link VerdictJson}, docs/validate.md) and
 * read back on first use; the owning build is transient and set again on load.
 */
@ExportedBean
public class ValidationAction extends BuildReportAction {

    private final String callId;
    private final String compareTo;
    private final String onFailure;
    private final String image;
    private final String evaluationRunId;
    private final String evaluationImageId;
    private final String evaluationOutputDir;
    /** {@link VerdictJson}'s text: the format outlives the classes that read it. */
    private final String verdictJson;
    private transient volatile GateVerdict verdict;


    /**
     * The evaluation container run that produced the metrics.
     *
     * @param outputDir its outputs, relative to the workspace
     */
    public record EvaluationRun(String runId, String imageId, String outputDir) implements Serializable {
    }

    /** @param evaluation the evaluation container's run, or null when the gate ran none */
    public ValidationAction(String callId, ValidationSpec spec, GateVerdict verdict, EvaluationRun evaluation) {
        this.callId = callId;
        this.compareTo = spec.getCompareTo();
        this.onFailure = spec.getOnFailure().name();
        this.image = spec.runsEvaluation() ? spec.getEvaluation().getImage() : null;
        this.evaluationRunId = evaluation == null ? null : evaluation.runId();
        this.evaluationImageId = evaluation == null ? null : evaluation.imageId();
        this.evaluationOutputDir = evaluation == null ? null : evaluation.outputDir();
        this.verdictJson = VerdictJson.toJson(verdict);
        this.verdict = verdict;
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
        return "Quality gate " + (getVerdict().isPassed() ? "passed" : "failed");
    }

    /** One action per call, so the call id keeps the URLs of several gates in one build apart. */
    @Override
    public String getUrlName() {
        return "mlops-validate-" + callId;
    }

    @Exported
    public String getCallId() {
        return callId;
    }

    /** The whole verdict, as the step returned it ({@link GateVerdict#toMap()}). */
    public GateVerdict getVerdict() {
        GateVerdict v = verdict;
        if (v == null) {
            try {
                v = VerdictJson.fromJson(verdictJson);
            } catch (IOException e) {
                throw new IllegalStateException("The gate verdict recorded in build.xml (" + getUrlName()
                        + ") cannot be read: " + e.getMessage(), e);
            }
            verdict = v;
        }
        return v;
    }

    @Exported(visibility = 2)
    public boolean isPassed() {
        return getVerdict().isPassed();
    }

    /** {@code Gate FAILED: 1 of 3 rules failed, 2 passed}. */
    @Exported(visibility = 2)
    public String getSummary() {
        return getVerdict().getSummary();
    }

    /** What {@code compareTo} said, or null. */
    @Exported
    public String getCompareTo() {
        return compareTo;
    }

    /** {@code FAILURE} or {@code UNSTABLE}: what a failed gate did to the build. */
    @Exported
    public String getOnFailure() {
        return onFailure;
    }

    public String getImage() {
        return image;
    }

    public String getEvaluationRunId() {
        return evaluationRunId;
    }

    public String getEvaluationImageId() {
        return evaluationImageId;
    }

    /** Where the evaluation container's outputs are, relative to the workspace. */
    public String getEvaluationOutputDir() {
        return evaluationOutputDir;
    }

    public boolean isBaselineAvailable() {
        return getVerdict().isBaselineAvailable();
    }

    /** Where the baseline came from ({@code build #41}, {@code model m@production (v3)}), or why there was none. */
    @Exported
    public String getBaselineDescription() {
        return getVerdict().getBaselineDescription();
    }

    @Exported
    public List<String> getNotes() {
        return getVerdict().getNotes();
    }

    /** The candidate's metrics as checked, including those computed from predictions. */
    public Map<String, Double> getMetrics() {
        return getVerdict().getMetrics();
    }

    /** The same, each value as the gate's reasons write numbers. */
    public Map<String, String> getMetricsText() {
        return text(getVerdict().getMetrics());
    }

    public Map<String, String> getBaselineMetricsText() {
        return text(getVerdict().getBaselineMetrics());
    }

    /** The rules, one row each, numbers written for people. */
    /** The rules with their raw numbers, as the REST API shows them. */
    @Exported(name = "rules", visibility = 2)
    public List<Row> getRulesForApi() {
        return getRows();
    }

    /** The candidate's metrics as the REST API shows them ({@link ApiValues}). */
    @Exported(name = "metrics", visibility = 2)
    public Map<String, Object> getMetricsForApi() {
        return ApiValues.numbers(getMetrics());
    }

    /** The baseline's metrics as the REST API shows them; empty when there was no baseline. */
    @Exported(name = "baselineMetrics")
    public Map<String, Object> getBaselineMetricsForApi() {
        return ApiValues.numbers(getVerdict().getBaselineMetrics());
    }

    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        for (RuleResult r : getVerdict().getResults()) {
            rows.add(new Row(r));
        }
        return rows;
    }

    public long getFailedCount() {
        return getVerdict().count(RuleStatus.FAILED);
    }

    public long getSkippedCount() {
        return getVerdict().count(RuleStatus.SKIPPED);
    }

    private static Map<String, String> text(Map<String, Double> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Numbers.format(v)));
        return out;
    }

    /** One rule of the table; in the REST API with raw numbers (the table shows them rounded). */
    @ExportedBean(defaultVisibility = 3)
    public static final class Row {
        private final RuleResult result;

        Row(RuleResult result) {
            this.result = result;
        }

        @Exported
        public String getRule() {
            return result.getRule();
        }

        /** {@code PASSED}, {@code FAILED} or {@code SKIPPED}. */
        @Exported
        public String getStatus() {
            return result.getStatus().name();
        }

        public String getValue() {
            return Numbers.format(result.getValue());
        }

        public String getThreshold() {
            return Numbers.format(result.getThreshold());
        }

        public String getBaseline() {
            return Numbers.format(result.getBaseline());
        }

        /** {@code [0.88, 0.92] at 95%} for a significant() rule, else empty. */
        public String getInterval() {
            if (result.getCiLow() == null || result.getCiHigh() == null) {
                return "";
            }
            String level = result.getConfidence() == null ? ""
                    : " at " + Numbers.format(result.getConfidence() * 100) + "%";
            return "[" + Numbers.format(result.getCiLow()) + ", " + Numbers.format(result.getCiHigh()) + "]" + level;
        }

        @Exported
        public String getReason() {
            return result.getReason();
        }

        @Exported(name = "value")
        public Object getValueForApi() {
            return ApiValues.value(result.getValue());
        }

        @Exported(name = "threshold")
        public Object getThresholdForApi() {
            return ApiValues.value(result.getThreshold());
        }

        @Exported(name = "baseline")
        public Object getBaselineForApi() {
            return ApiValues.value(result.getBaseline());
        }

        @Exported(name = "ciLow")
        public Object getCiLowForApi() {
            return ApiValues.value(result.getCiLow());
        }

        @Exported(name = "ciHigh")
        public Object getCiHighForApi() {
            return ApiValues.value(result.getCiHigh());
        }
    }
}
