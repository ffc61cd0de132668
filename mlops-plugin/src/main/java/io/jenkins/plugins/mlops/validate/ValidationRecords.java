package io.jenkins.plugins.mlops.validate;

import hudson.model.Run;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.train.TrainingRecords;
import java.util.List;

/**
 * What mlValidate recorded on a build, as later steps look it up: the gate's verdict for mlRegister, and the
 * previous successful build's metrics for {@code compareTo: 'previous'}.
 */
public final class ValidationRecords {

    private ValidationRecords() {
    }

    /** The build's last gate, or null when mlValidate has not run (yet). */
    public static ValidationAction lastValidation(Run<?, ?> run) {
        List<ValidationAction> all = run.getActions(ValidationAction.class);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * The metrics of the last successful build of the same job: what its last gate checked, else what its last
     * successful training reported. None on a first build, which skips the rules that compare with a baseline.
     */
    public static Baseline previousBuild(Run<?, ?> run) {
        Run<?, ?> previous = run.getPreviousSuccessfulBuild();
        if (previous == null) {
            return Baseline.none("no previous successful build");
        }
        ValidationAction gate = lastValidation(previous);
        if (gate != null) {
            return Baseline.of(gate.getVerdict().getMetrics(), "build #" + previous.getNumber());
        }
        TrainingAction training = TrainingRecords.lastSucceeded(previous);
        if (training != null) {
            return Baseline.of(training.getMetrics(), "build #" + previous.getNumber() + " (training)");
        }
        return Baseline.none("the previous successful build #" + previous.getNumber()
                + " recorded no metrics (it ran neither mlValidate nor mlTrain)");
    }
}
