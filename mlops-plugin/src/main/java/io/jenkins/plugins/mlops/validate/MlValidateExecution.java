package io.jenkins.plugins.mlops.validate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.GateSection;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineEvaluation;
import io.jenkins.plugins.mlops.core.validate.BaselineSources;
import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import io.jenkins.plugins.mlops.core.validate.VerdictTable;
import io.jenkins.plugins.mlops.steps.ContainerStepExecution;
import io.jenkins.plugins.mlops.steps.RegistryCopies;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import io.jenkins.plugins.mlops.steps.StepReports;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs one {@code mlValidate} call: finds the baseline (on the controller, which knows the builds and holds a
 * directory registry), runs the evaluation container when the call has one, collects the metrics and evaluates the
 * gate where the workspace is, records the verdict on the build, prints it, writes it ({@code verdict.json}) and
 * its report beside the evaluation's outputs and archives the report ({@link StepReports}), and passes, fails or
 * marks the build unstable. The evaluation container is a container job that survives a controller restart and an agent that
 * reconnects, as {@code mlTrain}'s training does ({@link ContainerStepExecution}).
 */
public final class MlValidateExecution extends ContainerStepExecution {
    private static final long serialVersionUID = 2L;

    static final String PREFIX = "[mlValidate] ";
    /** The verdict's file beside the report, as {@code mlops validate --verdict-out} writes it. */
    static final String VERDICT_FILE = "verdict.json";

    private final ValidationSpec spec;
    /** Workspace-relative directory of the evaluation container's outputs, the verdict file and the report. */
    private final String outputDir;
    /** The report's title and time; null in an execution saved before reports were archived (it archives none). */
    private final ReportHeading heading;
    /** What the controller knew of the baseline; null when compareTo names a file in the workspace. */
    private Baseline known;

    MlValidateExecution(StepContext context, ValidationSpec spec, String callId, ReportHeading heading) {
        super(context, callId, spec.runsEvaluation() ? spec.getEvaluation().getTimeout() : null);
        this.spec = spec;
        this.outputDir = MlValidateStep.EVAL_DIR + "/" + callId;
        this.heading = heading;
    }

    @Override
    protected String function() {
        return "mlValidate";
    }

    @Override
    protected String purpose() {
        return "evaluation";
    }

    @Override
    protected boolean needsContainer() {
        return spec.runsEvaluation();
    }

    @Override
    protected JobHandle prepare(StepEnvironment step, FilePath workspace, Map<String, String> labels) throws Exception {
        known = knownBaseline(step.run(), workspace, step.env());
        if (!spec.runsEvaluation()) {
            return null;
        }
        step.log().println(PREFIX + "Evaluating " + spec.getEvaluation().getModel() + " with image "
                + spec.getEvaluation().getImage() + "; outputs go to " + outputDir);
        return workspace.act(new PrepareEvaluation(spec.getEvaluation(), step.listener(), step.env(), outputDir, labels));
    }

    @Override
    protected Object collect(StepEnvironment step, FilePath workspace, JobHandle handle, ContainerRunState ended)
            throws Exception {
        PrintStream log = step.log();
        // Where the agent gets the registered baseline's files: an OCI registry, or a directory on this machine when
        // the workspace is here too, is read there; a directory here with the workspace on an agent is copied over.
        RegistryLocation registry = reEvaluatedBaselineRegistry(step.env());
        RegistryLocation pairFrom = null;
        if (registry != null && (registry.site() == RegistryLocation.Site.MODEL_MACHINE || !workspace.isRemote())) {
            pairFrom = registry;
        } else if (registry != null) {
            stageBaseline(step, workspace, registry);
        }
        ValidateOnAgent.Outcome outcome = workspace.act(new ValidateOnAgent(spec, known, step.listener(), step.env(),
                outputDir, getCallId(), pairFrom, handle, ended));
        if (!outcome.succeeded()) {
            throw failed(step, outcome.failure(), outcome.message(), null);
        }
        GateVerdict verdict = outcome.verdict();
        step.run().addAction(new ValidationAction(getCallId(), spec, verdict, outcome.evaluation()));
        for (String line : VerdictTable.lines(verdict)) {
            log.println(PREFIX + line);
        }
        String report = report(step, verdict);
        if (verdict.isPassed()) {
            return result(verdict, report);
        }
        if (spec.getOnFailure() == FailureMode.UNSTABLE) {
            // Pipeline's own unstable step also marks the stage (a WarningAction on the FlowNode, from
            // workflow-api); this plugin does not depend on workflow-api, so only the build result says it.
            step.run().setResult(Result.UNSTABLE);
            log.println(PREFIX + "The gate failed; the build is marked UNSTABLE (onFailure: 'UNSTABLE') and goes on");
            return result(verdict, report);
        }
        throw new AbortException(failureMessage(verdict));
    }

    /**
     * The verdict file and the gate's report ({@code mlops report build --verdict verdict.json} of it) beside the
     * evaluation's outputs, the report archived; a failed gate has one too. Null when none was archived.
     */
    private String report(StepEnvironment step, GateVerdict verdict) {
        if (heading == null) {
            return null;
        }
        BuildReport r = new BuildReport(heading.title(), heading.subtitle(), List.of(), List.of(GateSection.of(verdict)),
                List.of(), List.of());
        return StepReports.writeAndArchive(getContext(), step, PREFIX, outputDir, "validate", getCallId(),
                ReportFiles.buildReportPage(r, heading), Map.of(VERDICT_FILE, VerdictJson.toJson(verdict)));
    }

    private static Map<String, Object> result(GateVerdict verdict, String report) {
        Map<String, Object> m = verdict.toMap();
        if (report != null) {
            m.put("report", report);
        }
        return m;
    }

    @Override
    protected Exception failed(StepEnvironment step, String failure, String message, Integer exitCode) {
        return new AbortException("mlValidate: the evaluation failed (" + failure + "): " + message);
    }

    /** The summary and one line per failed rule with its reason, which is what the build's status line shows. */
    static String failureMessage(GateVerdict verdict) {
        StringBuilder m = new StringBuilder("mlValidate: ").append(verdict.getSummary());
        for (RuleResult r : verdict.getResults()) {
            if (r.getStatus() == RuleStatus.FAILED) {
                m.append("\n  ").append(r);
            }
        }
        return m.toString();
    }

    /**
     * The registry of a registered baseline that the evaluation evaluates again on the same data, or null when
     * there is none to evaluate again (no evaluation container, predictions given, no registered baseline).
     */
    private RegistryLocation reEvaluatedBaselineRegistry(EnvVars env) throws AbortException {
        if (!spec.runsEvaluation() || spec.getBaselinePredictions() != null || known == null
                || known.getRegisteredModel() == null) {
            return null;
        }
        try {
            return RegistryLocations.forBuild(spec.getRegistry(), env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
    }

    /**
     * A directory registry here, the evaluation on an agent: the champion's files are pulled here and copied beside
     * the evaluation's outputs there ({@link BaselineEvaluation#MODEL_DIR_SUFFIX}), so that the agent evaluates them
     * again on the same data and the gate compares paired, as it does everywhere else.
     *
     * @throws AbortException naming {@code compareTo} when its files cannot be had, as a pull on the agent would
     */
    private void stageBaseline(StepEnvironment step, FilePath workspace, RegistryLocation location) throws Exception {
        FilePath target = workspace.child(outputDir + BaselineEvaluation.MODEL_DIR_SUFFIX);
        try (ModelRegistry registry = location.open(RegistryLocations.credentials(step.env()))) {
            RegistryCopies.copy(registry, known.getRegisteredModel(), known.getRegisteredVersion(), target);
        } catch (IOException e) {
            throw new AbortException("mlValidate: " + BaselineEvaluation.cannotPull(spec, known, e).getMessage());
        }
        step.log().println(PREFIX + "Copied the baseline (model " + known.getRegisteredModel() + " v"
                + known.getRegisteredVersion() + ") from the controller's registry to " + target.getRemote()
                + ", to evaluate it on the same data");
    }

    /**
     * The baseline as far as the controller knows it: none, the previous build's metrics, or a registered model's;
     * null when {@code compareTo} names a file in the workspace, which only the agent reads.
     */
    private Baseline knownBaseline(Run<?, ?> run, FilePath workspace, EnvVars env) throws Exception {
        BaselineSources.Kind kind;
        try {
            String compareTo = spec.getCompareTo();
            FilePath file = compareTo == null ? null : workspace.child(compareTo);
            kind = BaselineSources.kind(spec, file != null && file.exists() && !file.isDirectory());
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        switch (kind) {
            case NONE:
                return BaselineSources.none(spec);
            case PREVIOUS:
                return ValidationRecords.previousBuild(run);
            case FILE:
                return null;
            default:
                break;
        }
        RegistryLocation location;
        try {
            location = RegistryLocations.forBuild(spec.getRegistry(), env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        RegistryBaselineOnAgent lookup = new RegistryBaselineOnAgent(location, spec.getCompareTo(), spec.getName(), env);
        // A directory registry lives on the controller; an OCI registry is reached from where the build runs.
        return location.site() == RegistryLocation.Site.MODEL_MACHINE ? workspace.act(lookup) : lookup.resolve();
    }
}
