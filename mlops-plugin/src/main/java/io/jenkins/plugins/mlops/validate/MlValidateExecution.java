package io.jenkins.plugins.mlops.validate;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineSources;
import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.core.validate.VerdictTable;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.io.PrintStream;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code mlValidate} call: finds the baseline (on the controller, which knows the builds and holds a
 * directory registry), collects the metrics and evaluates the gate where the workspace is, records the verdict on
 * the build, prints it, and passes, fails or marks the build unstable. Synchronous-non-blocking for the same reasons
 * as {@link MlTrainExecution}: an evaluation container may run for minutes, and aborting the build must stop it.
 */
public final class MlValidateExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[mlValidate] ";

    private final ValidationSpec spec;
    private final String callId;

    MlValidateExecution(StepContext context, ValidationSpec spec, String callId) {
        super(context);
        this.spec = spec;
        this.callId = callId;
    }

    /** Also the value of {@link io.jenkins.plugins.mlops.core.container.ContainerLabels#STEP_CALL} on the evaluation container of this call. */
    public String getCallId() {
        return callId;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        PrintStream log = step.log();
        Baseline known = knownBaseline(step.run(), step.workspace(), step.env());
        String outputDir = MlValidateStep.EVAL_DIR + "/" + callId;
        if (spec.runsEvaluation()) {
            log.println(PREFIX + "Evaluating " + spec.getEvaluation().getModel() + " with image "
                    + spec.getEvaluation().getImage() + "; outputs go to " + outputDir);
        }
        ValidateOnAgent.Outcome outcome = step.workspace().act(new ValidateOnAgent(spec, known, step.listener(),
                step.env(), outputDir, callId, pairingRegistry(known, step.workspace(), step.env())));
        if (!outcome.succeeded()) {
            throw new AbortException("mlValidate: the evaluation failed (" + outcome.failure() + "): "
                    + outcome.message());
        }
        GateVerdict verdict = outcome.verdict();
        step.run().addAction(new ValidationAction(callId, spec, verdict, outcome.evaluation()));
        for (String line : VerdictTable.lines(verdict)) {
            log.println(PREFIX + line);
        }
        if (verdict.isPassed()) {
            return verdict.toMap();
        }
        if (spec.getOnFailure() == FailureMode.UNSTABLE) {
            // Pipeline's own unstable step also marks the stage (a WarningAction on the FlowNode, from
            // workflow-api); this plugin does not depend on workflow-api, so only the build result says it.
            step.run().setResult(Result.UNSTABLE);
            log.println(PREFIX + "The gate failed; the build is marked UNSTABLE (onFailure: 'UNSTABLE') and goes on");
            return verdict.toMap();
        }
        throw new AbortException(failureMessage(verdict));
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
     * The registry to pull a registered baseline from where the evaluation runs, to evaluate it again on the same
     * data: an OCI registry is reached from the agent; a directory registry only when the workspace is on the
     * controller's own machine. Null when there is nothing to pull or it cannot be pulled there.
     */
    private RegistryLocation pairingRegistry(Baseline known, FilePath workspace, EnvVars env) throws AbortException {
        if (!spec.runsEvaluation() || known == null || known.getRegisteredModel() == null) {
            return null;
        }
        RegistryLocation location;
        try {
            location = RegistryLocations.forBuild(spec.getRegistry(), env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        return location.site() == RegistryLocation.Site.MODEL_MACHINE || !workspace.isRemote() ? location : null;
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
