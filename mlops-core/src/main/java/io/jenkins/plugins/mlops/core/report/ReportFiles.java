package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports as files: what {@code mlops report} writes and what the steps archive beside their outputs. A page is one
 * HTML file with its stylesheet {@value ReportRenderer#STYLESHEET} beside it, linked relatively: no script, no
 * inline style, no request that leaves the directory, so the pair renders the same opened from disk and served by
 * Jenkins with its Content-Security-Policy for archived files.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * Writes {@code html} (a whole page) and the stylesheet beside it, each through a temporary file and a rename:
     * a reader never sees half a report.
     *
     * @return the two files written
     */
    public static List<Path> write(Path html, String title, String footer, List<String> fragments) throws IOException {
        Path page = html.toAbsolutePath().normalize();
        Path css = page.resolveSibling(ReportRenderer.STYLESHEET);
        if (page.equals(css)) {
            throw new IOException("the report cannot be called " + ReportRenderer.STYLESHEET
                    + ": that is its stylesheet's name");
        }
        Files.createDirectories(page.getParent());
        replace(css, ReportRenderer.stylesheet());
        replace(page, ReportRenderer.page(title, ReportRenderer.STYLESHEET, footer, fragments));
        return List.of(page, css);
    }

    /**
     * The training recorded in {@code runDir} ({@code run.json}, written by {@code mlops train}).
     *
     * @throws IOException naming the directory when it holds no training record
     */
    public static TrainingSection training(Path runDir) throws IOException {
        TrainingSection.Builder b = TrainingSection.of(TrainingRecord.read(runDir)).title(runDir.getFileName().toString());
        return withHistory(b, runDir).build();
    }

    /**
     * Adds the learning curves of {@code outputDir/history.csv} when the training wrote one. A history that cannot
     * be read does not stop the report: the section says why it has no curves.
     */
    public static TrainingSection.Builder withHistory(TrainingSection.Builder b, Path outputDir) {
        try {
            return b.curves(LearningCurves.of(TrainingHistory.readIfPresent(outputDir)));
        } catch (IOException e) {
            return b.curvesNote("No learning curves: " + e.getMessage());
        }
    }

    /**
     * A registered version as a report section: its aliases now, and whether any alias reached it with
     * {@code force} (from the alias history).
     */
    public static RegistrationSection registration(ModelRegistry registry, ModelVersion v)
            throws IOException, InterruptedException {
        List<String> aliases = new ArrayList<>();
        registry.aliases(v.getName()).forEach((alias, version) -> {
            if (version == v.getVersion()) {
                aliases.add(alias);
            }
        });
        boolean forced = false;
        for (AliasEvent e : registry.aliasHistory(v.getName(), null)) {
            forced |= e.isForced() && e.getToVersion() == v.getVersion();
        }
        return RegistrationSection.of(v, aliases, forced, registry.location());
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
