package io.jenkins.plugins.mlops.registry;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.registry.StreamedFile;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.RegistrationSection;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.validate.RegistryVerdicts;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import io.jenkins.plugins.mlops.steps.StepReports;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.train.TrainingRecords;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import io.jenkins.plugins.mlops.validate.ValidationRecords;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code mlRegister} call. What the build knows fills in what the call left out: metrics and params from
 * the training that produced the model, the verdict of the build's last gate, and lineage from the build and its
 * environment.
 *
 * <p>Where it runs: a directory registry (the default, under JENKINS_HOME) is on the controller, so the
 * registration runs there; when the workspace is on an agent the model's files are streamed from the agent into the
 * registry ({@link AgentModelFiles}). An OCI registry is written from the machine that holds the workspace, so the
 * model goes from the agent straight to the registry. Synchronous-non-blocking: streaming and uploading a large
 * model takes a while and must not hold the Pipeline's CPS thread.
 */
final class MlRegisterExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "[mlRegister] ";

    /** Where the call's report goes in the workspace: {@code .mlops/register/<callId>}. */
    static final String REPORT_DIR = ".mlops/register";

    private final RegistrationPlan plan;
    /** Names the call's report, in the workspace and among the build's artifacts. */
    private final String callId;
    private final ReportHeading heading;

    MlRegisterExecution(StepContext context, RegistrationPlan plan, String callId, ReportHeading heading) {
        super(context);
        this.plan = plan;
        this.callId = callId;
        this.heading = heading;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        PrintStream log = step.log();
        FilePath model = step.workspace().child(plan.model);
        if (!model.exists()) {
            throw new AbortException("mlRegister: Invalid argument 'model': '" + plan.model + "' does not exist in"
                    + " the workspace (" + model.getRemote() + ")");
        }
        RegistryLocation location;
        try {
            location = RegistryLocations.forBuild(plan.registry, step.env());
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        }
        TrainingAction training = TrainingRecords.trainingOf(step.run(), step.workspace(), plan.model);
        ValidationAction validation = ValidationRecords.lastValidation(step.run());
        GateRecord gate = validation == null ? GateRecord.notValidated() : RegistryVerdicts.of(validation.getVerdict());
        Lineage lineage = lineage(step.run(), step.env(), training);
        RegistrationRequest request = RegistrationRequest.builder()
                .name(plan.name)
                .modelPath(plan.model)
                .aliases(plan.aliases)
                .force(plan.force)
                .metrics(metrics(training, validation, log))
                .params(plan.params != null ? plan.params : training != null ? training.getParams() : null)
                .gate(gate)
                .lineage(lineage)
                .build();

        log.println(PREFIX + "Registering " + plan.model + " as " + plan.name + " in " + location + " (gate "
                + gate.describe() + (plan.force ? ", force: true" : "") + ")");
        ModelVersion version = location.site() == RegistryLocation.Site.MODEL_MACHINE
                ? step.workspace().act(new RegisterOnAgent(request, location, step.env()))
                : registerOnController(request, model, location, step.env());
        boolean forced = plan.force && !plan.aliases.isEmpty() && !gate.isPassed();
        String registryText = RegistryLocations.forRecords(location, step.env());
        RegistrationAction action = new RegistrationAction(version, plan.aliases, forced, registryText);
        step.run().addAction(action);
        log.println(PREFIX + "Registered " + version.getName() + " v" + version.getVersion() + " ("
                + version.getDigest() + "): " + version.getFiles().size() + " file(s), " + version.totalSize()
                + " bytes" + (plan.aliases.isEmpty() ? "" : "; aliases " + String.join(", ", plan.aliases))
                + (forced ? " (forced past a gate that did not pass; recorded in the alias history)" : ""));
        String report = null;
        if (heading != null) {
            // The version as mlops report build --model name@version shows it: the aliases it was given now.
            BuildReport r = new BuildReport(heading.title(), heading.subtitle(), List.of(), List.of(),
                    List.of(RegistrationSection.of(version, plan.aliases, forced, registryText)), List.of());
            report = StepReports.writeAndArchive(getContext(), step, PREFIX, REPORT_DIR + "/" + callId, "register",
                    callId, ReportFiles.buildReportPage(r, heading), Map.of());
        }
        return stepResult(version, location, forced, report);
    }

    /**
     * The directory registry lives on the controller. A model on an agent is streamed file by file into the
     * registry's staging area (no temporary copy on the controller, whose temporary directory may be small).
     */
    private static ModelVersion registerOnController(RegistrationRequest request, FilePath model,
            RegistryLocation location, Map<String, String> env) throws IOException, InterruptedException {
        if (!model.isRemote()) {
            return RegisterOnAgent.register(request, model.getRemote(), location, RegistryLocations.credentials(env));
        }
        List<StreamedFile> files = AgentModelFiles.of(model);
        try (ModelRegistry registry = location.open(RegistryLocations.credentials(env))) {
            return registry.register(request, files);
        } catch (MlopsArgumentException | RegistryException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        }
    }

    /**
     * The call's metrics, else those of the training that produced this model, else what the build's last gate
     * checked, else none.
     */
    private Map<String, Double> metrics(TrainingAction training, ValidationAction validation, PrintStream log) {
        if (plan.metrics != null) {
            return plan.metrics;
        }
        if (training != null) {
            return training.getMetrics();
        }
        if (validation != null) {
            log.println(PREFIX + "No training of this build produced " + plan.model + "; registering the metrics"
                    + " the quality gate checked");
            return validation.getVerdict().getMetrics();
        }
        return Map.of();
    }

    private static Lineage lineage(Run<?, ?> run, EnvVars env, TrainingAction training) {
        String job = run.getParent().getFullName();
        String buildUrl = env.get("BUILD_URL");
        if (buildUrl == null || buildUrl.isBlank()) {
            // Jenkins sets BUILD_URL only once its root URL is configured; the relative URL still finds the build.
            buildUrl = run.getUrl();
        }
        return Lineage.builder()
                .job(job)
                .buildNumber(run.getNumber())
                .buildUrl(buildUrl)
                .gitCommit(env.get("GIT_COMMIT"))
                .gitUrl(env.get("GIT_URL"))
                .trainingImageId(training == null ? null : training.getImageId())
                .dataDigest(training == null ? null : training.getDataDigest())
                .actor(job + " #" + run.getNumber())
                .build();
    }

    /** Plain, serializable types only: Pipeline keeps the value in its program state. */
    private Map<String, Object> stepResult(ModelVersion v, RegistryLocation location, boolean forced, String report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.getName());
        m.put("version", v.getVersion());
        m.put("digest", v.getDigest());
        m.put("aliases", new ArrayList<>(plan.aliases));
        m.put("registry", location.text());
        m.put("files", v.getFiles().size());
        m.put("size", v.totalSize());
        m.put("gate", v.getGate().describe());
        m.put("forced", forced);
        if (report != null) {
            m.put("report", report);
        }
        return m;
    }
}
