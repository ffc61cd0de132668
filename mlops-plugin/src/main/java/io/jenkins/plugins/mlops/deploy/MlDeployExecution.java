package io.jenkins.plugins.mlops.deploy;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeResult;
import io.jenkins.plugins.mlops.core.deploy.StagedRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.RegistryCopies;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code mlDeploy} call. The deployment itself runs where the workspace is ({@link DeployOnAgent}), since
 * that machine's Docker host serves the model. A registry that lives on the controller (a directory, the default)
 * is read here first: the version's files are pulled here (digests verified) and copied into the workspace, the
 * deployment runs with what was read, and the alias moves and history records it made are written here afterwards.
 * Synchronous-non-blocking: a deployment waits for health checks and a load test, and must not hold the Pipeline's
 * CPS thread; aborting the build interrupts it, and before the switch everything new is removed.
 */
public final class MlDeployExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[mlDeploy] ";
    /** Where the controller's registry puts a version's files in the workspace for the agent's deployment. */
    static final String STAGING_DIR = ".mlops/deploy";

    private final DeploymentSpec spec;
    /** Null: the build's default ({@link RegistryLocations#forBuild}). */
    private final RegistryLocation registry;
    private final String callId;

    MlDeployExecution(StepContext context, DeploymentSpec spec, RegistryLocation registry, String callId) {
        super(context);
        this.spec = spec;
        this.registry = registry;
        this.callId = callId;
    }

    public String getCallId() {
        return callId;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        RegistryLocation location;
        try {
            location = RegistryLocations.forBuild(registry, step.env());
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlDeploy: " + e.getMessage());
        }
        step.log().println(PREFIX + (spec.isRollback() ? "Rolling back " + spec.getService()
                : "Deploying " + spec.getName() + " " + spec.getVersion() + " to " + spec.getService())
                + " (registry " + location.text() + ")");
        DeployOnAgent.Outcome outcome;
        boolean onRegistryMachine = location.site() == RegistryLocation.Site.REGISTRY_MACHINE;
        if (onRegistryMachine && step.workspace().isRemote()) {
            outcome = deployWithStagedRegistry(step, location);
        } else if (onRegistryMachine) {
            outcome = new DeployOnAgent(spec, location, null, step.listener(), step.env()).deploy();
        } else {
            outcome = step.workspace().act(new DeployOnAgent(spec, location, null, step.listener(), step.env()));
        }
        if (!outcome.succeeded()) {
            step.run().addAction(DeploymentAction.failed(callId, spec, location.text(), outcome.failure(),
                    outcome.message(), outcome.attempt()));
            throw new AbortException("mlDeploy failed (" + outcome.failure() + "): " + outcome.message());
        }
        DeploymentResult r = outcome.result();
        step.run().addAction(DeploymentAction.succeeded(callId, spec, location.text(), r));
        if (r.keptUntil() != null) {
            KeptVersionExpiry.schedule(step.workspace(), r.service(), r.keptUntil(), step.env(),
                    step.run().getParent().getFullName() + " #" + step.run().getNumber());
            step.log().println(PREFIX + "v" + r.previousVersion() + " stays ready for an instant rollback until "
                    + r.keptUntil() + "; it is removed then");
        }
        return stepResult(r);
    }

    /**
     * The registry is here, the Docker host on the agent: read what the deployment may need, copy those versions'
     * files into the workspace, deploy there, then write here what the deployment wrote (also when it failed: a
     * refused or failed attempt is part of the model's history).
     */
    private DeployOnAgent.Outcome deployWithStagedRegistry(StepEnvironment step, RegistryLocation location)
            throws IOException, InterruptedException {
        FilePath staging = step.workspace().child(STAGING_DIR).child(callId);
        Map<String, String> credentials = RegistryLocations.credentials(step.env());
        try (ModelRegistry registry = location.open(credentials)) {
            StagedRegistry staged;
            try {
                staged = StagedRegistry.read(registry, spec);
            } catch (MlopsArgumentException e) {
                throw new AbortException("mlDeploy: " + e.getMessage());
            } catch (RegistryException e) {
                throw new AbortException("mlDeploy: cannot read " + spec.getName() + " from " + location.text() + ": "
                        + e.getMessage());
            }
            try {
                for (int v : staged.versionsToStage()) {
                    FilePath target = staging.child("v" + v);
                    RegistryCopies.copy(registry, spec.getName(), v, target);
                    staged.stage(v, target.getRemote());
                }
                DeployOnAgent.Outcome outcome = step.workspace().act(
                        new DeployOnAgent(spec, null, staged, step.listener(), step.env()));
                StagedRegistry.applyTo(registry, spec.getName(), outcome.writes());
                return outcome;
            } finally {
                staging.deleteRecursive();
            }
        }
    }

    /** Plain, serializable types only: Pipeline keeps the value in its program state. */
    static Map<String, Object> stepResult(DeploymentResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", r.service());
        m.put("model", r.model());
        m.put("version", r.version());
        m.put("previousVersion", r.previousVersion());
        m.put("endpoint", r.endpoint());
        m.put("deploymentId", r.deploymentId());
        m.put("rollback", r.rollback());
        m.put("instant", r.instant());
        m.put("forced", r.forced());
        m.put("image", r.image());
        m.put("alias", r.alias());
        m.put("replicas", new ArrayList<>(r.replicas()));
        m.put("healthMs", new ArrayList<>(r.healthMs()));
        List<Map<String, Object>> smoke = new ArrayList<>();
        for (SmokeResult s : r.smoke()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("test", s.test());
            one.put("replica", s.replica());
            one.put("status", s.status());
            one.put("latencyMs", s.latencyMs());
            smoke.add(one);
        }
        m.put("smoke", smoke);
        if (r.load() == null) {
            m.put("load", null);
        } else {
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("requests", r.load().total());
            load.put("failed", r.load().failed());
            load.put("rps", r.load().achievedRatePerSecond());
            load.put("p50Ms", r.load().p50Millis());
            load.put("p99Ms", r.load().p99Millis());
            m.put("load", load);
        }
        m.put("switchMs", r.switchMs());
        m.put("totalMs", r.totalMs());
        m.put("keptUntil", r.keptUntil() == null ? null : r.keptUntil().toString());
        return m;
    }
}
