package io.jenkins.plugins.mlops.report;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.report.ReportLinks;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;

/**
 * The one ML report of a build: the summary box on the build's page and the report page ({@code .../mlops/}),
 * gathering every mlTrain, mlValidate and mlRegister call of the build. Made by {@link ReportActionFactory} for
 * every build that has step records, never stored. The views only place the HTML the core renders (escaped there);
 * the look comes from the core's stylesheet, which the plugin serves.
 */
public final class MlopsReportAction implements Action {

    /** Where Jenkins serves the plugin's copy of the core's stylesheet, below {@code resURL}. */
    public static final String STYLESHEET_PATH = "/plugin/mlops-pipeline/" + ReportRenderer.STYLESHEET;

    /** Transient like the action itself: it is made for each view, never stored. */
    private final transient Run<?, ?> run;

    MlopsReportAction(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "ML report";
    }

    @Override
    public String getUrlName() {
        return "mlops";
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public String getStylesheetPath() {
        return STYLESHEET_PATH;
    }

    /** The report page's content: trainings, gates and registrations of the build. */
    public String getReportHtml() {
        return new ReportRenderer(ReportLinks.NONE).buildReport(BuildReports.of(run));
    }

    /** The build page's summary box: a line or two and a link to the report. */
    public String getSummaryHtml() {
        return new ReportRenderer(ReportLinks.NONE).summary(BuildReports.of(run), getUrlName() + "/");
    }
}
