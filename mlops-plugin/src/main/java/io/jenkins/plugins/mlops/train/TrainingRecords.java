package io.jenkins.plugins.mlops.train;

import hudson.FilePath;
import hudson.model.Run;
import java.util.List;

/** What mlTrain recorded on a build, as later steps look it up: the training that produced a model. */
public final class TrainingRecords {

    private TrainingRecords() {
    }

    /**
     * The last successful training of this build that produced {@code model}, or null. Paths are compared as the
     * workspace resolves them, so {@code run.model} (relative) and {@code run.modelPath} (absolute) both match.
     */
    public static TrainingAction trainingOf(Run<?, ?> run, FilePath workspace, String model) {
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

    /** The build's last successful training, or null. */
    public static TrainingAction lastSucceeded(Run<?, ?> run) {
        List<TrainingAction> trainings = run.getActions(TrainingAction.class);
        for (int i = trainings.size() - 1; i >= 0; i--) {
            if (trainings.get(i).isSucceeded()) {
                return trainings.get(i);
            }
        }
        return null;
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
