package io.jenkins.plugins.mlops;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RegistryBaselines;
import io.jenkins.plugins.mlops.core.validate.RuleResult;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.VerdictTable;
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
final class MlValidateExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[mlValidate] ";

    private final ValidationPlan plan;
    private final String callId;

    MlValidateExecution(StepContext context, ValidationPlan plan, String callId) {
        super(context);
        this.plan = plan;
        this.callId = callId;
    }

    /** Also the value of {@link io.jenkins.plugins.mlops.core.container.ContainerLabels#STEP_CALL} on the evaluation container of this call. */
    String getCallId() {
        return callId;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        EnvVars env = context.get(EnvVars.class);
        Run<?, ?> run = context.get(Run.class);
        PrintStream log = listener.getLogger();

        BaselineSource baseline = baseline(run, workspace, env);
        String outputDir = MlValidateStep.EVAL_DIR + "/" + callId;
        if (plan.runsEvaluation()) {
            log.println(PREFIX + "Evaluating " + plan.model + " with image " + plan.image + "; outputs go to "
                    + outputDir);
        }
        ValidateOnAgent.Outcome outcome = workspace.act(
                new ValidateOnAgent(plan, baseline, listener, env, outputDir, callId));
        if (!outcome.succeeded()) {
            throw new AbortException("mlValidate: the evaluation failed (" + outcome.failure() + "): "
                    + outcome.message());
        }
        GateVerdict verdict = outcome.verdict();
        run.addAction(new ValidationAction(callId, plan, verdict, outcome.evaluation()));
        for (String line : VerdictTable.lines(verdict)) {
            log.println(PREFIX + line);
        }
        if (verdict.isPassed()) {
            return verdict.toMap();
        }
        if (plan.onFailure == FailureMode.UNSTABLE) {
            // Pipeline's own unstable step also marks the stage (a WarningAction on the FlowNode, from
            // workflow-api); this plugin does not depend on workflow-api, so only the build result says it.
            run.setResult(Result.UNSTABLE);
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

    private BaselineSource baseline(Run<?, ?> run, FilePath workspace, EnvVars env) throws Exception {
        String compareTo = plan.compareTo;
        if (compareTo == null) {
            return BaselineSource.of(Baseline.none("no baseline given; set compareTo (e.g. 'previous') or baseline"),
                    plan.baseline);
        }
        if (compareTo.equals(ValidationPlan.PREVIOUS)) {
            return BaselineSource.of(BuildRecords.previousBuild(run), plan.baseline);
        }
        FilePath file = workspace.child(compareTo);
        if (file.exists() && !file.isDirectory()) {
            return BaselineSource.file(compareTo, plan.baseline);
        }
        try {
            RegistryBaselines.STEP.parse(compareTo);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: Invalid argument 'compareTo': '" + compareTo + "' is neither"
                    + " 'previous', a file in the workspace, nor a registered model's alias, version or 'latest' ("
                    + e.getMessage() + ")");
        }
        String location;
        try {
            location = RegistryLocations.forBuild(plan.registry, env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        }
        RegistryBaselineOnAgent lookup = new RegistryBaselineOnAgent(location, compareTo, plan.name, env);
        // A directory registry lives on the controller; an OCI registry is reached from where the build runs.
        Baseline registered = ModelRegistries.isOci(location) ? workspace.act(lookup) : lookup.resolve();
        return BaselineSource.of(registered, plan.baseline);
    }
}
