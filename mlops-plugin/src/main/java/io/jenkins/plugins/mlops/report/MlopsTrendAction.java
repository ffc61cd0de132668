package io.jenkins.plugins.mlops.report;

import hudson.model.Action;
import hudson.model.Job;
import io.jenkins.plugins.mlops.core.report.ReportLinks;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;

/**
 * The job page's ML trend (as Coverage and Warnings NG show theirs): one chart per metric the gates checked across
 * the job's builds, a cross for each failed gate, each point linking to that build's report, the production model as
 * a line. On the job page as a floating box, and in full at {@code .../mlops-trend/}.
 */
public final class MlopsTrendAction implements Action {

    /** Transient like the action itself: it is made for each view, never stored. */
    private final transient Job<?, ?> job;

    MlopsTrendAction(Job<?, ?> job) {
        this.job = job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "ML trend";
    }

    @Override
    public String getUrlName() {
        return "mlops-trend";
    }

    public Job<?, ?> getJob() {
        return job;
    }

    public String getStylesheetPath() {
        return MlopsReportAction.STYLESHEET_PATH;
    }

    /** The trend page's content; points link to {@code ../<n>/mlops/}, the build's report. */
    public String getTrendHtml() {
        return new ReportRenderer(ReportLinks.NONE).trend(BuildTrends.of(job, n -> "../" + n + "/mlops/"));
    }

    /** The floating box on the job's page, whose links are relative to the job: {@code <n>/mlops/}. */
    public String getFloatingBoxHtml() {
        return new ReportRenderer(ReportLinks.NONE).trend(BuildTrends.of(job, n -> n + "/mlops/"));
    }
}
