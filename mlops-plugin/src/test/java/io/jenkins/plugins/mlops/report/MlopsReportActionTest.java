package io.jenkins.plugins.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's one ML report, made from the step records as a build of plugin 0.1 stored them (the golden build.xml
 * fixture, read with Jenkins' XStream): so builds recorded before the report existed show it too.
 */
class MlopsReportActionTest {

    private static TestRun buildWithRecordsOfVersion01() throws Exception {
        return buildWith("actions-0.1.xml");
    }

    private static TestRun buildWith(String fixture) throws Exception {
        String xml;
        try (InputStream in = MlopsReportActionTest.class.getResourceAsStream(
                "/io/jenkins/plugins/mlops/build-xml/" + fixture)) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TestRun run = new TestRun(new TestRun.TestJob("team", "movies"), 7);
        for (Object a : (List<?>) JenkinsXStream.create().fromXML(xml)) {
            run.addAction((Action) a);
        }
        return run;
    }

    /**
     * The deployments of a build (the golden mlDeploy records: one that serves, one whose smoke test failed) are in
     * its report: what serves where, what served before, each check with its mark and figures, and why one failed.
     */
    @Test
    void theReportShowsEachDeploymentWithItsChecks() throws Exception {
        TestRun run = buildWith("deployment-0.1.xml");
        MlopsReportAction report = (MlopsReportAction) new ReportActionFactory().createFor(run).iterator().next();
        String html = report.getReportHtml();
        assertThat(html).contains("Deployment: ", "movie_predictor v3 \u2192 movie-predictor",
                "Serving on http://127.0.0.1:8080 (previous: v2, kept until 2026-01-02T03:34:05Z)",
                "production = v3", "2380 ms to serving (switch 410 ms)", "healthy after 813 ms",
                "POST /predict (replica 0)", "200 in 12.3 ms", "2 requests at",
                "movie_predictor v4 \u2192 movie-predictor", "Not deployed (VERIFICATION_FAILED)",
                "500 in 8.5 ms: status 500 instead of 200");
        assertThat(report.getSummaryHtml()).contains("deployed movie_predictor v3", "deployment failed");
    }

    @Test
    void aBuildWithStepRecordsGetsOneReportGatheringThemAll() throws Exception {
        TestRun run = buildWithRecordsOfVersion01();
        Collection<? extends Action> made = new ReportActionFactory().createFor(run);
        assertThat(made).singleElement().isInstanceOf(MlopsReportAction.class);
        MlopsReportAction report = (MlopsReportAction) made.iterator().next();
        assertThat(report.getUrlName()).isEqualTo("mlops");
        assertThat(report.getIconFileName()).isNotNull();

        String html = report.getReportHtml();
        assertThat(html).contains("team/movies #7", "Training: ", "nightly", "1 min 23 s", "Quality gate failed",
                "rmse &lt;= baseline.rmse", "rmse = 0.91 is not &lt;= baseline.rmse = 0.9", "mark the build unstable",
                "Registered ", "movie_predictor v3", "feedface")
                .doesNotContain("<script", " style=");
        assertThat(report.getSummaryHtml()).contains("ML report", "href=\"mlops/\"",
                "gate failed (1 of 2 rules failed, 1 passed)", "registered movie_predictor v3 (candidate)");
    }

    /** Only the report is in the side panel: the step records keep their pages but add no entries of their own. */
    @Test
    void theStepRecordsHaveNoSidePanelEntryOfTheirOwn() throws Exception {
        for (Action a : buildWithRecordsOfVersion01().getActions()) {
            assertThat(a.getIconFileName()).as(a.getClass().getSimpleName()).isNull();
            assertThat(a.getUrlName()).as(a.getClass().getSimpleName()).isNotNull();
        }
    }

    @Test
    void aBuildWithoutStepRecordsGetsNoReport() {
        assertThat(new ReportActionFactory().createFor(new TestRun(3))).isEmpty();
        assertThat(new ReportActionFactory().actionType()).isEqualTo(MlopsReportAction.class);
    }
}
