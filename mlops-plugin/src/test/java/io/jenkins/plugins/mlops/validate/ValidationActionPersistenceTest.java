package io.jenkins.plugins.mlops.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import io.jenkins.plugins.mlops.validate.ValidateOnAgent;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jenkins saves a build's actions into build.xml with XStream and reads them back when the build is loaded; a gate's
 * verdict must come back whole: the next build's {@code compareTo: 'previous'} reads the verdict's metrics from a
 * loaded build.
 */
class ValidationActionPersistenceTest {

    /** With Jenkins' class filter: a value Jenkins would refuse to save fails here too. */
    private static final XStream XSTREAM = JenkinsXStream.create();

    @Test
    void aGateSurvivesSavingAndLoadingWithEveryRule() throws Exception {
        ValidationSpec plan = DataBinding.instantiate(MlValidateStep.class, Map.of(
                "metrics", Map.of("rmse", 0.97, "mae", Double.NaN, "f1", 0.8),
                "thresholds", List.of("rmse < 0.95", "mae <= 0.75", "f1 >= baseline.f1", "rmse <= baseline.rmse"),
                "compareTo", "previous", "onFailure", "UNSTABLE")).toSpec();
        io.jenkins.plugins.mlops.core.validate.GateVerdict verdict = MetricGate.evaluate(plan.getRules(), plan.getMetrics(),
                Baseline.of(Map.of("rmse", 0.93), "build #41"), (Path) null, plan.getOptions());
        ValidationAction saved = new ValidationAction("42-abcdef01", plan, verdict,
                new ValidationAction.EvaluationRun("run-1", "sha256:eval", ".mlops/eval/42-abcdef01"));
        TestRun run = new TestRun(42);
        run.addAction(saved);

        String xml = XSTREAM.toXML(new ArrayList<>(List.of(saved)));
        ValidationAction loaded = (ValidationAction) ((List<?>) XSTREAM.fromXML(xml)).get(0);

        assertThat(xml).as("the build itself is not saved inside its action").doesNotContain("<run>");
        assertThat(loaded.getRun()).isNull();
        TestRun reloaded = new TestRun(42);
        loaded.onLoad(reloaded);
        assertThat(loaded.getRun()).isSameAs(reloaded);

        assertThat(loaded.getVerdict().toMap()).as("Double.equals: NaN equals NaN").isEqualTo(verdict.toMap());
        assertThat(loaded.isPassed()).isFalse();
        assertThat(loaded.getSummary()).isEqualTo("Gate FAILED: 3 of 4 rules failed, 0 passed, 1 skipped");
        assertThat(loaded.getVerdict().getResults()).extracting(r -> r.getStatus())
                .containsExactly(RuleStatus.FAILED, RuleStatus.FAILED, RuleStatus.SKIPPED, RuleStatus.FAILED);
        assertThat(loaded.getMetrics()).containsEntry("rmse", 0.97).containsKey("mae");
        assertThat(loaded.getMetrics().get("mae")).isNaN();
        assertThat(loaded.getBaselineDescription()).isEqualTo("build #41");
        assertThat(loaded.isBaselineAvailable()).isTrue();
        assertThat(loaded.getCompareTo()).isEqualTo("previous");
        assertThat(loaded.getOnFailure()).isEqualTo("UNSTABLE");
        assertThat(loaded.getEvaluationRunId()).isEqualTo("run-1");
        assertThat(loaded.getEvaluationImageId()).isEqualTo("sha256:eval");
        assertThat(loaded.getEvaluationOutputDir()).isEqualTo(".mlops/eval/42-abcdef01");
        assertThat(loaded.getUrlName()).isEqualTo("mlops-validate-42-abcdef01");
        assertThat(loaded.getNotes()).isEqualTo(verdict.getNotes());
        ValidationAction.Row failed = loaded.getRows().get(3);
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        assertThat(failed.getValue()).isEqualTo("0.97");
        assertThat(failed.getThreshold()).isEqualTo("0.93");
        assertThat(failed.getBaseline()).isEqualTo("0.93");
        assertThat(failed.getReason()).isEqualTo("rmse = 0.97 is not <= baseline.rmse = 0.93");
        assertThat(loaded.getMetricsText()).containsEntry("mae", "NaN");

        // What 'previous' reads from a loaded build.
        TestRun next = reloaded.next(hudson.model.Result.SUCCESS);
        reloaded.addAction(loaded);
        assertThat(ValidationRecords.previousBuild(next).getMetrics()).isEqualTo(verdict.getMetrics());
    }
}
