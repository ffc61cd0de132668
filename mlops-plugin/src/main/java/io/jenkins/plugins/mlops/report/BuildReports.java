package io.jenkins.plugins.mlops.report;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.DeploymentSection;
import io.jenkins.plugins.mlops.core.report.GateSection;
import io.jenkins.plugins.mlops.core.report.Mark;
import io.jenkins.plugins.mlops.core.report.RegistrationSection;
import io.jenkins.plugins.mlops.core.report.TrainingSection;
import io.jenkins.plugins.mlops.deploy.DeploymentAction;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The core's report model of one build, made from what its steps recorded (the step actions in build.xml). Nothing
 * of the report is stored: it is derived on every view, so builds recorded before the report existed show it too.
 */
final class BuildReports {

    private BuildReports() {
    }

    /** Whether any ML step recorded something on {@code run}. */
    static boolean hasRecords(Run<?, ?> run) {
        for (Action a : run.getActions()) {
            if (a instanceof TrainingAction || a instanceof ValidationAction || a instanceof RegistrationAction
                    || a instanceof DeploymentAction) {
                return true;
            }
        }
        return false;
    }

    static BuildReport of(Run<?, ?> run) {
        List<TrainingSection> trainings = new ArrayList<>();
        List<GateSection> gates = new ArrayList<>();
        List<RegistrationSection> registrations = new ArrayList<>();
        List<DeploymentSection> deployments = new ArrayList<>();
        // The persisted list only: getActions(Class) would also ask the transient factories, this one included.
        for (Action a : run.getActions()) {
            if (a instanceof TrainingAction t) {
                trainings.add(training(t));
            } else if (a instanceof ValidationAction v) {
                gates.add(new GateSection(null, v.getVerdict(), v.getCompareTo(), v.getOnFailure()));
            } else if (a instanceof RegistrationAction r) {
                registrations.add(registration(r));
            } else if (a instanceof DeploymentAction d) {
                deployments.add(deployment(d));
            }
        }
        return new BuildReport(run.getParent().getFullName() + " #" + run.getNumber(), null, trainings, gates,
                registrations, deployments);
    }

    private static TrainingSection training(TrainingAction t) {
        TrainingSection.Builder b = TrainingSection.builder().title(t.getName()).image(t.getImage())
                .dockerfile(t.getDockerfile()).imageId(t.getImageId()).runId(t.getRunId()).model(t.getModel())
                .dataDigest(t.getDataDigest()).exitCode(t.getExitCode())
                .duration(t.getDurationMillis() == null ? null : Duration.ofMillis(t.getDurationMillis()))
                .params(t.getParams()).metrics(t.getMetrics()).curves(t.getLearningCurves())
                .curvesNote(t.getLearningCurvesNote());
        if (!t.isSucceeded()) {
            b.failed(t.getFailure(), t.getFailureMessage());
        }
        return b.build();
    }

    private static RegistrationSection registration(RegistrationAction r) {
        Mark gate = switch (r.getGate()) {
            case "passed" -> Mark.PASSED;
            case "failed" -> Mark.FAILED;
            default -> Mark.UNKNOWN;
        };
        Lineage lineage = Lineage.builder().job(r.getJob()).buildNumber(r.getBuildNumber()).buildUrl(r.getBuildUrl())
                .gitCommit(r.getGitCommit()).gitUrl(r.getGitUrl()).trainingImageId(r.getTrainingImageId())
                .dataDigest(r.getDataDigest()).actor(r.getActor()).build();
        return new RegistrationSection(r.getName(), r.getVersion(), r.getDigest(), r.getAliases(), r.isForced(), gate,
                r.getRegistry(), r.getFileCount(), r.getSize(), r.getMetrics(), lineage);
    }

    /**
     * A deployment as the report shows it: what serves where (or why not), then one check per verification the call
     * ran — each replica's health, each smoke test on each replica, the load test — with its figures.
     */
    static DeploymentSection deployment(DeploymentAction d) {
        String version = d.getVersion() == null ? "" : " v" + d.getVersion();
        String title = d.getModel() + version + " \u2192 " + d.getService();
        String summary;
        if (!d.isSucceeded()) {
            summary = (d.isRollback() ? "Rollback failed (" : "Not deployed (") + d.getFailure() + "): "
                    + d.getReason();
        } else {
            summary = (d.isRollback() ? "Rolled back: " : "Serving on ") + d.getEndpoint()
                    + (d.getPreviousVersion() == null ? " (a new service)" : " (previous: v" + d.getPreviousVersion()
                    + (d.getKeptUntil() == null ? ", removed)" : ", kept until " + d.getKeptUntil() + ")"));
        }
        List<DeploymentSection.Fact> facts = new ArrayList<>();
        fact(facts, "Endpoint", d.getEndpoint());
        fact(facts, "Image", d.getImage());
        fact(facts, "Version", d.getVersion() == null ? null : (d.getAlias() == null ? "v" + d.getVersion()
                : d.getAlias() + " = v" + d.getVersion()));
        fact(facts, "Previous version", d.getPreviousVersion() == null ? null : "v" + d.getPreviousVersion());
        fact(facts, "Timing", d.getTimingText());
        if (d.isForced()) {
            fact(facts, "Gate", "forced past a version whose gate did not pass");
        }
        fact(facts, "Registry", d.getRegistry());
        fact(facts, "Deployment id", d.getDeploymentId());
        List<DeploymentSection.Check> checks = new ArrayList<>();
        List<String> replicas = d.getReplicas();
        List<Double> health = d.getHealthMs();
        for (int i = 0; i < health.size(); i++) {
            String replica = i < replicas.size() ? replicas.get(i) : "replica " + i;
            checks.add(new DeploymentSection.Check("GET /health " + replica, Mark.PASSED,
                    health.get(i) == 0 ? "already running (kept version)"
                            : String.format(Locale.ROOT, "healthy after %.0f ms", health.get(i))));
        }
        for (DeploymentAction.SmokeCheck s : d.getSmoke()) {
            checks.add(new DeploymentSection.Check(s.getTest() + " (replica " + s.getReplica() + ")",
                    s.getFailure() == null ? Mark.PASSED : Mark.FAILED,
                    s.getStatus() + " in " + s.getLatencyText() + (s.getFailure() == null ? "" : ": " + s.getFailure())));
        }
        if (d.isLoadTested()) {
            checks.add(new DeploymentSection.Check("load test", d.getLoadFailed() == 0 ? Mark.PASSED : Mark.FAILED,
                    d.getLoadText()));
        }
        return new DeploymentSection(title, d.isSucceeded() ? Mark.PASSED : Mark.FAILED, summary, facts, checks);
    }

    private static void fact(List<DeploymentSection.Fact> facts, String label, String value) {
        if (value != null) {
            facts.add(new DeploymentSection.Fact(label, value));
        }
    }
}
