package io.jenkins.plugins.mlops.core.report;

import java.util.List;
import java.util.Objects;

/**
 * One deployment of a build, in terms any deployment can fill: what it deployed and where (facts), whether it
 * worked (the outcome), and the checks it ran on the way (health, smoke tests, load test), each with its own mark.
 * This is the report's extension point for {@code mlDeploy}: the step maps its result onto this record, and the
 * renderer draws it like the other sections, so a new kind of check needs no renderer change.
 *
 * @param title    e.g. {@code movie_predictor v3 → movie-predictor}
 * @param outcome  PASSED for a deployment that serves, FAILED for one that was refused or rolled back
 * @param summary  one line saying what happened, e.g. "serving on http://127.0.0.1:8080 (previous: v2)"
 * @param facts    label/value lines (version, endpoint, previous version, rollback...), in order
 * @param checks   each verification step with its outcome and figures
 */
public record DeploymentSection(String title, Mark outcome, String summary, List<Fact> facts, List<Check> checks) {

    public DeploymentSection {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        facts = List.copyOf(facts);
        checks = List.copyOf(checks);
    }

    /** One line of the deployment's facts table. */
    public record Fact(String label, String value) {
    }

    /** One verification step: {@code GET /health}, a smoke test, the load test, with what it measured. */
    public record Check(String name, Mark mark, String detail) {
    }
}
