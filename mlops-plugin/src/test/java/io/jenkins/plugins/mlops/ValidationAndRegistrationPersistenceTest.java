package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.mlops.core.registry.GateVerdict;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jenkins saves a build's actions into build.xml with XStream and reads them back when the build is loaded; a gate's
 * verdict and a registration must come back whole — the next build's {@code compareTo: 'previous'} reads the
 * verdict's metrics from a loaded build.
 */
class ValidationAndRegistrationPersistenceTest {

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
                new ValidateOnAgent.Evaluation("run-1", "sha256:eval", ".mlops/eval/42-abcdef01"));
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
        assertThat(BuildRecords.previousBuild(next).getMetrics()).isEqualTo(verdict.getMetrics());
    }

    @Test
    void aRegistrationSurvivesSavingAndLoading() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.91);
        metrics.put("eval.mae", 0.7);
        Lineage lineage = Lineage.builder().job("team/movies").buildNumber(17).buildUrl("http://ci/job/movies/17/")
                .gitCommit("feedface").gitUrl("https://git.example/movies.git").trainingImageId("sha256:img")
                .dataDigest("sha256:data").actor("team/movies #17").build();
        ModelVersion v = new ModelVersion("movie_predictor", 3, "sha256:record", Instant.parse("2026-01-02T03:04:05Z"),
                List.of(new ModelFile("weights.bin", "sha256:w", 1000), new ModelFile("sub/config.json", "sha256:c", 24)),
                metrics, Map.of("lr", 0.01), GateVerdict.of(false, "{\"summary\":\"Gate FAILED\"}"), lineage);
        RegistrationAction saved = new RegistrationAction(v, List.of("candidate", "nightly"), true,
                "oci://127.0.0.1:5000/models");

        RegistrationAction loaded = (RegistrationAction) XSTREAM.fromXML(XSTREAM.toXML(saved));

        assertThat(loaded.getName()).isEqualTo("movie_predictor");
        assertThat(loaded.getVersion()).isEqualTo(3);
        assertThat(loaded.getDigest()).isEqualTo("sha256:record");
        assertThat(loaded.getAliases()).containsExactly("candidate", "nightly");
        assertThat(loaded.isForced()).isTrue();
        assertThat(loaded.getGate()).isEqualTo("failed");
        assertThat(loaded.getRegistry()).isEqualTo("oci://127.0.0.1:5000/models");
        assertThat(loaded.getFileCount()).isEqualTo(2);
        assertThat(loaded.getSize()).isEqualTo(1024);
        assertThat(loaded.getMetrics()).containsExactlyEntriesOf(metrics);
        assertThat(loaded.getJob()).isEqualTo("team/movies");
        assertThat(loaded.getBuildNumber()).isEqualTo(17);
        assertThat(loaded.getBuildUrl()).isEqualTo("http://ci/job/movies/17/");
        assertThat(loaded.getGitCommit()).isEqualTo("feedface");
        assertThat(loaded.getGitUrl()).isEqualTo("https://git.example/movies.git");
        assertThat(loaded.getTrainingImageId()).isEqualTo("sha256:img");
        assertThat(loaded.getDataDigest()).isEqualTo("sha256:data");
        assertThat(loaded.getActor()).isEqualTo("team/movies #17");
        assertThat(loaded.getDisplayName()).isEqualTo("Registered movie_predictor v3");
        assertThat(loaded.getUrlName()).isEqualTo("mlops-register-movie_predictor-v3");
        assertThat(loaded.getRegistryPagePath()).isEqualTo("mlops-registry/movie_predictor/3");
    }
}
