package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.io.IOException;
import java.io.Serializable;
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
     * The report of a build (or of a run outside Jenkins) as one page with its stylesheet beside it: what
     * {@code mlops report build} writes, and what each step writes beside its outputs and archives.
     *
     * @return the two files written
     */
    public static List<Path> writeBuildReport(Path html, BuildReport report, ReportHeading heading) throws IOException {
        return write(html, buildReportPage(report, heading));
    }

    /**
     * A whole page before it is written: its title, footer and fragments. Serializable, so a page rendered where
     * the records are (a Jenkins controller) can be written where the files go (the agent with the workspace).
     */
    public record Page(String title, String footer, List<String> fragments) implements Serializable {
        public Page {
            fragments = new ArrayList<>(fragments);
        }
    }

    /** The page {@link #writeBuildReport} writes: the build report, with the heading's footer. */
    public static Page buildReportPage(BuildReport report, ReportHeading heading) {
        return new Page(report.title(), heading.footer(), List.of(new ReportRenderer(ReportLinks.NONE).buildReport(report)));
    }

    /** {@link #write(Path, String, String, List)} of a page. */
    public static List<Path> write(Path html, Page page) throws IOException {
        return write(html, page.title(), page.footer(), page.fragments());
    }

    /**
     * The training recorded in {@code runDir} ({@code run.json}, written by {@code mlops train} and by
     * {@code mlTrain}), with its learning curves; paths are shown as {@code runDir} is written.
     *
     * @throws IOException naming the directory when it holds no training record
     */
    public static TrainingSection training(Path runDir) throws IOException {
        return training(runDir, runDir.toString());
    }

    /**
     * {@link #training(Path)}, showing the model's path below {@code shownAs}: the run directory as its reader
     * knows it (a step shows it relative to the workspace, as its later steps take paths).
     */
    public static TrainingSection training(Path runDir, String shownAs) throws IOException {
        TrainingResult r = TrainingRecord.read(runDir);
        TrainingRecord.Origin origin = TrainingRecord.readOrigin(runDir);
        TrainingSection.Builder b = TrainingSection.of(r).model(shownPath(r, shownAs))
                .title(origin.name()).image(origin.image()).dockerfile(origin.dockerfile());
        if (origin.name() == null && origin.image() == null && origin.dockerfile() == null) {
            // Written before records named what ran: the directory names the run.
            b.title(runDir.toAbsolutePath().normalize().getFileName().toString());
        }
        return withHistory(b, runDir).build();
    }

    /** The model below the run directory as {@code shownAs} writes it, with forward slashes; else as recorded. */
    private static String shownPath(TrainingResult r, String shownAs) {
        Path out = Path.of(r.outputDir()).normalize();
        Path model = Path.of(r.modelPath()).normalize();
        if (!model.startsWith(out)) {
            return r.modelPath();
        }
        String rest = out.relativize(model).toString().replace('\\', '/');
        String base = shownAs.replace('\\', '/');
        while (base.length() > 1 && base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return rest.isEmpty() ? base : base + "/" + rest;
    }

    /**
     * Gates from verdict files ({@code mlops validate --verdict-out}, and what {@code mlValidate} writes beside its
     * report): one is "Quality gate", several are told apart by their files' names.
     */
    public static List<GateSection> gates(List<Path> verdictFiles) throws IOException {
        List<GateSection> gates = new ArrayList<>();
        for (Path v : verdictFiles) {
            gates.add(new GateSection(verdictFiles.size() == 1 ? null : "Quality gate " + v.getFileName(),
                    VerdictJson.read(v), null, null));
        }
        return gates;
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
