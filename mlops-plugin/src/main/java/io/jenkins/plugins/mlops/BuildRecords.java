package io.jenkins.plugins.mlops;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import java.util.List;

/**
 * What earlier steps recorded on a build, as the later ones look it up: the gate's verdict for mlRegister, the
 * training of a model for its metrics and lineage, and the previous successful build's metrics for
 * {@code compareTo: 'previous'}.
 */
final class BuildRecords {

    private BuildRecords() {
    }

    /** The build's last gate, or null when mlValidate has not run (yet). */
    static ValidationAction lastValidation(Run<?, ?> run) {
        List<ValidationAction> all = run.getActions(ValidationAction.class);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * The last successful training of this build that produced {@code model}, or null. Paths are compared as the
     * workspace resolves them, so {@code run.model} (relative) and {@code run.modelPath} (absolute) both match.
     */
    static TrainingAction trainingOf(Run<?, ?> run, FilePath workspace, String model) {
        String wanted = normalize(workspace.child(model).getRemote());
        List<TrainingAction> all = run.getActions(TrainingAction.class);
        for (int i = all.size() - 1; i >= 0; i--) {
            TrainingAction t = all.get(i);
            if (t.isSucceeded() && t.getModel() != null
                    && normalize(workspace.child(t.getModel()).getRemote()).equals(wanted)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The metrics of the last successful build of the same job: what its last gate checked, else what its last
     * successful training reported. None on a first build, which skips the rules that compare with a baseline.
     */
    static Baseline previousBuild(Run<?, ?> run) {
        Run<?, ?> previous = run.getPreviousSuccessfulBuild();
        if (previous == null) {
            return Baseline.none("no previous successful build");
        }
        ValidationAction gate = lastValidation(previous);
        if (gate != null) {
            return Baseline.of(gate.getVerdict().getMetrics(), "build #" + previous.getNumber());
        }
        List<TrainingAction> trainings = previous.getActions(TrainingAction.class);
        for (int i = trainings.size() - 1; i >= 0; i--) {
            if (trainings.get(i).isSucceeded()) {
                return Baseline.of(trainings.get(i).getMetrics(), "build #" + previous.getNumber() + " (training)");
            }
        }
        return Baseline.none("the previous successful build #" + previous.getNumber()
                + " recorded no metrics (it ran neither mlValidate nor mlTrain)");
    }

    /** Agent paths may use either separator; {@code ./}, doubled and trailing separators do not change a path. */
    static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.contains("/./")) {
            p = p.replace("/./", "/");
        }
        p = p.replaceAll("/+", "/");
        if (p.endsWith("/.")) {
            p = p.substring(0, p.length() - 2);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
