package io.jenkins.plugins.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.validate.ArgumentStyle;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job page's trend, made from the gates its builds recorded. */
class MlopsTrendActionTest {

    /** A gate as mlValidate records it: the real rules, evaluated against the production model's metrics. */
    private static ValidationAction gate(double rmse) throws Exception {
        ValidationSpec spec = ValidationSpec.builder(ArgumentStyle.STEP)
                .thresholds(List.of("rmse < 0.9", "rmse <= baseline.rmse * 1.01")).metrics(Map.of("rmse", rmse, "mae", rmse * 0.8))
                .compareTo("production").onFailure("FAILURE").build();
        return new ValidationAction("c-" + rmse, spec, MetricGate.evaluate(spec.getRules(), spec.getMetrics(),
                Baseline.of(Map.of("rmse", 0.9), "model movie_predictor@production (v3)"), (Path) null,
                spec.getOptions()), null);
    }

    @Test
    void everyBuildIsAPointFailedGatesAreCrossesAndProductionIsALine() throws Exception {
        TestRun.TestJob job = new TestRun.TestJob("team", "movies");
        TestRun first = new TestRun(job, 1);
        first.addAction(gate(0.88));
        TestRun second = first.next(Result.SUCCESS);
        second.addAction(gate(0.97));
        TestRun third = second.next(Result.FAILURE);
        // a build without ML steps is no point
        TestRun fourth = third.next(Result.SUCCESS);
        fourth.addAction(gate(0.84));
        fourth.next(Result.SUCCESS);

        Collection<? extends Action> made = new TrendActionFactory().createFor(job);
        assertThat(made).singleElement().isInstanceOf(MlopsTrendAction.class);
        String html = ((MlopsTrendAction) made.iterator().next()).getTrendHtml();

        String rmse = figure(html, "rmse");
        assertThat(count(rmse, "class=\"mlops-point\"")).isEqualTo(2);
        assertThat(count(rmse, "class=\"mlops-point mlops-point-failed\"")).isEqualTo(1);
        assertThat(rmse).contains("href=\"../1/mlops/\"", "href=\"../2/mlops/\"", "href=\"../4/mlops/\"")
                .doesNotContain("../3/mlops/", "../5/mlops/")
                .contains("class=\"mlops-reference\"", "movie_predictor@production (v3): 0.9", "lower is better");
        // the gates checked rmse only: mae is reported but not drawn
        assertThat(html).doesNotContain("data-metric=\"mae\"");
        assertThat(((MlopsTrendAction) made.iterator().next()).getFloatingBoxHtml()).contains("href=\"4/mlops/\"");
    }

    @Test
    void aJobWhoseBuildsRanNoMlStepHasNoTrend() {
        TestRun.TestJob job = new TestRun.TestJob("", "plain");
        new TestRun(job, 1).next(Result.SUCCESS);
        assertThat(new TrendActionFactory().createFor(job)).isEmpty();
        assertThat(new TrendActionFactory().createFor(new TestRun.TestJob("", "empty"))).isEmpty();
    }

    private static String figure(String html, String metric) {
        Matcher m = Pattern.compile("<figure class=\"mlops-figure\" data-metric=\"" + metric + "\">.*?</figure>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a chart of " + metric).isTrue();
        return m.group();
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }
}
