package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every view of the samples as a standalone page (and the stylesheet) into a directory: what the browser
 * tests serve and photograph. Page name to file.
 */
public final class ReportPages {

    private ReportPages() {
    }

    public static Map<String, Path> write(Path out, Path work) throws IOException, InterruptedException {
        Files.createDirectories(out);
        Files.writeString(out.resolve(ReportRenderer.STYLESHEET), ReportRenderer.stylesheet());
        Map<String, Path> pages = new LinkedHashMap<>();
        ReportRenderer r = new ReportRenderer(ReportLinks.IN_PAGE);
        pages.put("build-passed", page(out, "build-passed", "movie-predictor #12",
                r.buildReport(ReportSamples.passedBuild(work.resolve("predictions")))));
        pages.put("build-failed", page(out, "build-failed", "movie-predictor #13",
                r.buildReport(ReportSamples.failedBuild())));
        pages.put("trend", page(out, "trend", "Metric trend", r.trend(ReportSamples.trend())));
        try (ModelRegistry reg = ReportSamples.registry(work.resolve("registry"), work.resolve("models"))) {
            RegistryViews.Model model = RegistryViews.model(reg, "movie_predictor");
            RegistryViews.Overview o = RegistryViews.overview(reg);
            // Shown as a Jenkins controller's registry would be, not under the test's temporary directory.
            RegistryViews.Overview shown = new RegistryViews.Overview("/var/jenkins_home/mlops-registry", o.models(),
                    o.latest());
            pages.put("registry", page(out, "registry", "Model registry", r.registry(shown),
                    r.withoutReadOnlyNotice().model(model)));
            pages.put("version", page(out, "version", "movie_predictor v4", r.version(model, 4)));
            pages.put("compare", page(out, "compare", "movie_predictor v3 vs v4",
                    r.comparison(RegistryViews.compare(reg, "movie_predictor", 3, 4))));
        }
        ReportSamples.Hostile evil = ReportSamples.hostile(work.resolve("hostile"));
        pages.put("hostile", page(out, "hostile", ReportSamples.HOSTILE, r.buildReport(evil.build()), r.trend(evil.trend()),
                r.registry(evil.overview()), r.model(evil.model()), r.version(evil.model(), 1),
                r.comparison(evil.comparison())));
        return pages;
    }

    private static Path page(Path out, String name, String title, String... fragments) throws IOException {
        Path file = out.resolve(name + ".html");
        Files.writeString(file, ReportRenderer.page(title, ReportRenderer.STYLESHEET, "MLOps Pipeline report",
                List.of(fragments)));
        return file;
    }
}
