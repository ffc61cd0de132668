package io.jenkins.plugins.mlops.core.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything the ML steps of one build (or one CLI session) did, in the order a reader asks about it: was a model
 * trained, did it pass its gate, which version was registered, what is serving. One report per build, whatever
 * number of calls of each step it made.
 *
 * @param title         e.g. {@code movie-predictor #12}
 * @param subtitle      a line under the title (the job, the commit, when), or null
 * @param trainings     every training, in call order
 * @param gates         every gate, in call order
 * @param registrations every registration, in call order
 * @param deployments   every deployment, in call order
 */
public record BuildReport(String title, String subtitle, List<TrainingSection> trainings, List<GateSection> gates,
        List<RegistrationSection> registrations, List<DeploymentSection> deployments) {

    public BuildReport {
        Objects.requireNonNull(title, "title");
        trainings = List.copyOf(trainings);
        gates = List.copyOf(gates);
        registrations = List.copyOf(registrations);
        deployments = List.copyOf(deployments);
    }

    public boolean isEmpty() {
        return trainings.isEmpty() && gates.isEmpty() && registrations.isEmpty() && deployments.isEmpty();
    }

    /**
     * The one mark of the build's ML work: failed when any training, gate or deployment failed, passed when
     * something ran and nothing failed, unknown when nothing ran.
     */
    public Mark mark() {
        boolean failed = trainings.stream().anyMatch(t -> !t.succeeded())
                || gates.stream().anyMatch(g -> g.mark() == Mark.FAILED)
                || deployments.stream().anyMatch(d -> d.outcome() == Mark.FAILED);
        if (failed) {
            return Mark.FAILED;
        }
        return isEmpty() ? Mark.UNKNOWN : Mark.PASSED;
    }
}
