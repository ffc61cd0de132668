package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.Launcher;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import jenkins.util.BuildListenerAdapter;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Each step call's HTML report as a file: written beside the call's outputs in the workspace
 * ({@code <dir>/report.html} with the stylesheet beside it, exactly what {@code mlops report build} writes from
 * those outputs), then archived with the build's artifacts through Jenkins' artifact manager, so anyone with the
 * build's artifacts sees what the build's ML report shows. Jenkins serves archived files with a
 * Content-Security-Policy that the core's pages are made for.
 *
 * <p>The artifacts, one report per call and one stylesheet for all of them ({@value #ARTIFACTS}/):
 * {@code mlops/train-<call>.html}, {@code mlops/validate-<call>.html}, {@code mlops/register-<call>.html} and
 * {@code mlops/mlops-report.css}; the call id is the one in the call's workspace directory and in its step's
 * return value ({@code report}). mlDeploy archives none: what it did is in the build's ML report.
 */
public final class StepReports {

    /** The artifacts' directory. */
    public static final String ARTIFACTS = "mlops";
    /** The report's name beside a call's outputs in the workspace. */
    public static final String FILE = "report.html";

    private StepReports() {
    }

    /** {@code mlops/<kind>-<callId>.html}: where a call's report is among the build's artifacts. */
    public static String artifact(String kind, String callId) {
        return ARTIFACTS + "/" + kind + "-" + callId + ".html";
    }

    /**
     * The reports' heading from the build's environment, checked when the step starts: a malformed
     * {@code SOURCE_DATE_EPOCH} fails the call before anything runs, not after an hour of training.
     */
    public static ReportHeading heading(String function, Map<String, String> env) throws AbortException {
        try {
            return ReportHeading.of(env);
        } catch (MlopsArgumentException e) {
            throw new AbortException(function + ": " + e.getMessage());
        }
    }

    /**
     * Writes {@code page} as {@code <dir>/report.html} (and the stylesheet) in the workspace, with {@code files}
     * (name to text) beside it, then archives the report.
     *
     * @return the report's artifact path, or null when it could not be written or archived (said in the log; the
     *         call's result stands)
     */
    public static String writeAndArchive(StepContext context, StepEnvironment step, String prefix, String dir,
            String kind, String callId, ReportFiles.Page page, Map<String, String> files) {
        try {
            step.workspace().act(new Write(dir, page, files));
        } catch (IOException | InterruptedException | RuntimeException e) {
            keepInterrupt(e);
            step.log().println(prefix + "Could not write the report into " + dir + " (" + e.getMessage()
                    + "); the build's ML report shows it");
            return null;
        }
        return archive(context, step, prefix, dir, kind, callId);
    }

    /**
     * Archives {@code <dir>/report.html} and its stylesheet, which the call wrote into the workspace, as
     * {@code mlops/<kind>-<callId>.html} and {@code mlops/mlops-report.css}.
     *
     * @return the report's artifact path, or null when archiving failed (said in the log; the call's result stands)
     */
    public static String archive(StepContext context, StepEnvironment step, String prefix, String dir, String kind,
            String callId) {
        String report = artifact(kind, callId);
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put(report, dir + "/" + FILE);
        artifacts.put(ARTIFACTS + "/" + ReportRenderer.STYLESHEET, dir + "/" + ReportRenderer.STYLESHEET);
        try {
            Launcher launcher = context.get(Launcher.class);
            step.run().pickArtifactManager().archive(step.workspace(), launcher,
                    BuildListenerAdapter.wrap(step.listener()), artifacts);
        } catch (IOException | InterruptedException | RuntimeException e) {
            keepInterrupt(e);
            step.log().println(prefix + "Could not archive the report " + dir + "/" + FILE + " (" + e.getMessage()
                    + "); it stays in the workspace, and the build's ML report shows it");
            return null;
        }
        step.log().println(prefix + "Report: " + report + " in the build's artifacts (" + dir + "/" + FILE
                + " in the workspace)");
        return report;
    }

    /**
     * Writes a page and the files beside it on the machine that holds the workspace, and says how many files
     * (Jenkins' class filter refuses {@code Void} as a callable's result, so it is a count).
     */
    private static final class Write extends MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;

        private final String dir;
        private final ReportFiles.Page page;
        private final LinkedHashMap<String, String> files;

        Write(String dir, ReportFiles.Page page, Map<String, String> files) {
            this.dir = dir;
            this.page = page;
            this.files = new LinkedHashMap<>(files);
        }

        @Override
        public Integer invoke(File workspace, VirtualChannel channel) throws IOException {
            Path target = workspace.toPath().resolve(dir);
            Files.createDirectories(target);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(target.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            return files.size() + ReportFiles.write(target.resolve(FILE), page).size();
        }
    }

    /** An abort that came while the report was written: the call still ends, and the abort is not lost. */
    private static void keepInterrupt(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
