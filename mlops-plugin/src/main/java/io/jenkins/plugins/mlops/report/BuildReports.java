package io.jenkins.plugins.mlops.report;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.GateSection;
import io.jenkins.plugins.mlops.core.report.Mark;
import io.jenkins.plugins.mlops.core.report.RegistrationSection;
import io.jenkins.plugins.mlops.core.report.TrainingSection;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
            if (a instanceof TrainingAction || a instanceof ValidationAction || a instanceof RegistrationAction) {
                return true;
            }
        }
        return false;
    }

    static BuildReport of(Run<?, ?> run) {
        List<TrainingSection> trainings = new ArrayList<>();
        List<GateSection> gates = new ArrayList<>();
        List<RegistrationSection> registrations = new ArrayList<>();
        // The persisted list only: getActions(Class) would also ask the transient factories, this one included.
        for (Action a : run.getActions()) {
            if (a instanceof TrainingAction t) {
                trainings.add(training(t));
            } else if (a instanceof ValidationAction v) {
                gates.add(new GateSection(null, v.getVerdict(), v.getCompareTo(), v.getOnFailure()));
            } else if (a instanceof RegistrationAction r) {
                registrations.add(registration(r));
            }
        }
        return new BuildReport(run.getParent().getFullName() + " #" + run.getNumber(), null, trainings, gates,
                registrations, List.of());
    }

    private static TrainingSection training(TrainingAction t) {
        TrainingSection.Builder b = TrainingSection.builder().title(t.getName()).image(t.getImage())
                .dockerfile(t.getDockerfile()).imageId(t.getImageId()).runId(t.getRunId()).model(t.getModel())
                .dataDigest(t.getDataDigest()).exitCode(t.getExitCode())
                .duration(t.getDurationMillis() == null ? null : Duration.ofMillis(t.getDurationMillis()))
                .params(t.getParams()).metrics(t.getMetrics());
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
}
