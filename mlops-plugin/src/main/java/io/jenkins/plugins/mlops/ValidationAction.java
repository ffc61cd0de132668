package io.jenkins.plugins.mlops;

import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.Numbers;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code mlValidate} call of a build: its verdict with every rule (status, value, threshold, baseline value,
 * reason), the baseline, the notes, and the candidate's metrics. Shown on the build's page (summary) and on its own
 * page (the table). The next build's {@code compareTo: 'previous'} reads the candidate's metrics from here, and
 * mlRegister the verdict.
 *
 * <p>Saved in build.xml by Jenkins' XStream: plain fields, and the core's {@link GateVerdict}, which is made of
 * plain fields for this purpose ({@link ArrayList}, {@link LinkedHashMap}, an enum). The owning build is transient
 * and set again on load.
 */
public class ValidationAction extends BuildReportAction {

    private final String callId;
    private final String compareTo;
    private final String onFailure;
    private final String image;
    private final String evaluationRunId;
    private final String evaluationImageId;
    private final String evaluationOutputDir;
    private final GateVerdict verdict;


    ValidationAction(String callId, ValidationSpec spec, GateVerdict verdict, ValidateOnAgent.Evaluation evaluation) {
        this.callId = callId;
        this.compareTo = spec.getCompareTo();
        this.onFailure = spec.getOnFailure().name();
        this.image = spec.runsEvaluation() ? spec.getEvaluation().getImage() : null;
        this.evaluationRunId = evaluation == null ? null : evaluation.runId();
        this.evaluationImageId = evaluation == null ? null : evaluation.imageId();
        this.evaluationOutputDir = evaluation == null ? null : evaluation.outputDir();
        this.verdict = verdict;
    }

    /** Core's own symbols (no icon plugin needed): a check mark for a passed gate, a crossed circle for a failed one. */
    @Override
    public String getIconFileName() {
        return verdict.isPassed() ? "symbol-check" : "symbol-close-circle";
    }

    @Override
    public String getDisplayName() {
        return "Quality gate " + (verdict.isPassed() ? "passed" : "failed");
    }

    /** One action per call, so the call id keeps the URLs of several gates in one build apart. */
    @Override
    public String getUrlName() {
        return "mlops-validate-" + callId;
    }

    public String getCallId() {
        return callId;
    }

    /** The whole verdict, as the step returned it ({@link GateVerdict#toMap()}). */
    public GateVerdict getVerdict() {
        return verdict;
    }

    public boolean isPassed() {
        return verdict.isPassed();
    }

    /** {@code Gate FAILED: 1 of 3 rules failed, 2 passed}. */
    public String getSummary() {
        return verdict.getSummary();
    }

    /** What {@code compareTo} said, or null. */
    public String getCompareTo() {
        return compareTo;
    }

    /** {@code FAILURE} or {@code UNSTABLE}: what a failed gate did to the build. */
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
        return verdict.isBaselineAvailable();
    }

    /** Where the baseline came from ({@code build #41}, {@code model m@production (v3)}), or why there was none. */
    public String getBaselineDescription() {
        return verdict.getBaselineDescription();
    }

    public List<String> getNotes() {
        return verdict.getNotes();
    }

    /** The candidate's metrics as checked, including those computed from predictions. */
    public Map<String, Double> getMetrics() {
        return verdict.getMetrics();
    }

    /** The same, each value as the gate's reasons write numbers. */
    public Map<String, String> getMetricsText() {
        return text(verdict.getMetrics());
    }

    public Map<String, String> getBaselineMetricsText() {
        return text(verdict.getBaselineMetrics());
    }

    /** The rules, one row each, numbers written for people. */
    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        for (RuleResult r : verdict.getResults()) {
            rows.add(new Row(r));
        }
        return rows;
    }

    public long getFailedCount() {
        return verdict.count(RuleStatus.FAILED);
    }

    public long getSkippedCount() {
        return verdict.count(RuleStatus.SKIPPED);
    }

    private static Map<String, String> text(Map<String, Double> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Numbers.format(v)));
        return out;
    }

    /** One rule of the table. */
    public static final class Row {
        private final RuleResult result;

        Row(RuleResult result) {
            this.result = result;
        }

        public String getRule() {
            return result.getRule();
        }

        /** {@code PASSED}, {@code FAILED} or {@code SKIPPED}. */
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

        public String getReason() {
            return result.getReason();
        }
    }
}
