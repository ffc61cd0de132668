package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.report.BuildReport;
import io.jenkins.plugins.mlops.core.report.GateSection;
import io.jenkins.plugins.mlops.core.report.RegistrationSection;
import io.jenkins.plugins.mlops.core.report.RegistryViews;
import io.jenkins.plugins.mlops.core.report.ReportFiles;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.core.report.ReportLinks;
import io.jenkins.plugins.mlops.core.report.ReportRenderer;
import io.jenkins.plugins.mlops.core.report.TrainingSection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops report}: the Jenkins plugin's pages as a file — the report of a run (training, gate, registered
 * version) or the registry's views. Writes one HTML page and its stylesheet beside it; nothing else is needed to
 * read it, opened from disk or served with Jenkins' Content-Security-Policy for archived files.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report (and its stylesheet, mlops-report.css, beside it).",
            "  mlops report build --run DIR --verdict verdict.json --model NAME@REF",
            "  mlops report registry [--model NAME]"},
        subcommands = {ReportCommand.Build.class, ReportCommand.Registry.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the registry failed or has no such model or version", "2:bad arguments or input"})
public final class ReportCommand implements Callable<Integer> {

    static final int WRITTEN = 0;
    static final int FAILED = 1;
    static final int INPUT_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return INPUT_ERROR;
    }

    /** What both reports share: the output file, the registry, the environment, and turning failures into a line. */
    abstract static class Writer implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "mlops-report.html",
                description = "The HTML file to write (default: ${DEFAULT-VALUE}); mlops-report.css goes beside it.")
        Path output;

        @Option(names = "--registry", paramLabel = "DIR|oci://HOST[:PORT]/PREFIX",
                description = "Registry to read (default: $" + RegistryCall.REGISTRY_ENV + ", else ~/.mlops/registry).")
        String registry;

        @Option(names = "--title", description = "The page's title.")
        String title;

        /** Where the registry location, its credentials and the build's identity come from; tests replace it. */
        Map<String, String> environment = System.getenv();

        abstract String name();

        /** Writes the page: its HTML file and the stylesheet beside it. */
        abstract List<Path> write(ReportHeading heading) throws IOException, InterruptedException;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<Path> files = write(ReportHeading.of(environment).titled(title));
                out.println("wrote " + files.get(0) + " (with " + files.get(1).getFileName() + ")");
                out.flush();
                return WRITTEN;
            } catch (MlopsArgumentException e) {
                err.println("mlops report " + name() + ": " + e.getMessage());
                return INPUT_ERROR;
            } catch (RegistryException e) {
                err.println("mlops report " + name() + ": " + e.getMessage());
                return FAILED;
            } catch (IOException e) {
                err.println("mlops report " + name() + ": " + e.getMessage());
                return INPUT_ERROR;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("mlops report " + name() + ": interrupted");
                return FAILED;
            } finally {
                err.flush();
            }
        }

        ModelRegistry openRegistry() throws IOException {
            return RegistryCall.location(registry, environment).open(environment);
        }
    }

    /** {@code mlops report build}: one run's training, gate and registered version, as the build page shows them. */
    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The report of a run: its training (--run), gate (--verdict) and registered version (--model).")
    static final class Build extends Writer {
        @Option(names = "--run", paramLabel = "DIR", description = "Output directory of 'mlops train' (holds run.json); repeatable.")
        List<Path> runs = new ArrayList<>();

        @Option(names = "--verdict", paramLabel = "FILE", description = "Verdict of 'mlops validate --verdict-out'; repeatable.")
        List<Path> verdicts = new ArrayList<>();

        @Option(names = "--model", paramLabel = "NAME[@REF]",
                description = "A registered version to include: movie_predictor@3, @production, @latest (default latest).")
        List<String> models = new ArrayList<>();

        @Override
        String name() {
            return "build";
        }

        @Override
        List<Path> write(ReportHeading heading) throws IOException, InterruptedException {
            if (runs.isEmpty() && verdicts.isEmpty() && models.isEmpty()) {
                throw new MlopsArgumentException("--run", "nothing to report: give --run, --verdict or --model");
            }
            List<TrainingSection> trainings = new ArrayList<>();
            for (Path run : runs) {
                trainings.add(ReportFiles.training(run));
            }
            List<GateSection> gates = ReportFiles.gates(verdicts);
            List<RegistrationSection> registrations = new ArrayList<>();
            if (!models.isEmpty()) {
                try (ModelRegistry r = openRegistry()) {
                    for (String m : models) {
                        int at = m.indexOf('@');
                        String name = ModelNames.requireModelName("--model", at < 0 ? m : m.substring(0, at));
                        ModelVersion v = r.resolve(name, at < 0 ? ModelNames.LATEST : m.substring(at + 1));
                        registrations.add(ReportFiles.registration(r, v));
                    }
                }
            }
            BuildReport report = new BuildReport(heading.title(), heading.subtitle(), trainings, gates, registrations,
                    List.of());
            return ReportFiles.writeBuildReport(output, report, heading);
        }
    }

    /**
     * {@code mlops report registry}: every model, each model's versions, aliases and alias history, each version,
     * and each version beside the one before it, as sections of one page linked by anchors.
     */
    @Command(name = "registry", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The registry's views: models, versions, aliases with their history, comparisons.")
    static final class Registry extends Writer {
        @Option(names = "--model", paramLabel = "NAME", description = "Only these models (default: all); repeatable.")
        List<String> only = new ArrayList<>();

        @Option(names = "--last", paramLabel = "N", defaultValue = "20",
                description = "Version pages for the last N versions of each model (default: ${DEFAULT-VALUE}).")
        int last;

        @Override
        String name() {
            return "registry";
        }

        @Override
        List<Path> write(ReportHeading heading) throws IOException, InterruptedException {
            if (last < 1) {
                throw new MlopsArgumentException("--last", "must be 1 or more, got " + last);
            }
            for (String m : only) {
                ModelNames.requireModelName("--model", m);
            }
            ReportRenderer first = new ReportRenderer(ReportLinks.IN_PAGE);
            ReportRenderer renderer = first.withoutReadOnlyNotice();
            List<String> fragments = new ArrayList<>();
            try (ModelRegistry r = openRegistry()) {
                RegistryViews.Overview overview = RegistryViews.overview(r);
                List<String> names = new ArrayList<>();
                for (ModelSummary s : overview.models()) {
                    if (only.isEmpty() || only.contains(s.getName())) {
                        names.add(s.getName());
                    }
                }
                for (String m : only) {
                    if (!names.contains(m)) {
                        throw new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + m + " is not in "
                                + r.location());
                    }
                }
                if (only.isEmpty()) {
                    fragments.add(first.registry(overview));
                }
                for (String name : names) {
                    RegistryViews.Model model = RegistryViews.model(r, name);
                    // The page's first view says once that the registry is read-only here.
                    fragments.add((fragments.isEmpty() ? first : renderer).model(model));
                    List<ModelVersion> versions = model.versions();
                    int from = Math.max(0, versions.size() - last);
                    for (int i = versions.size() - 1; i >= from; i--) {
                        fragments.add(renderer.version(model, versions.get(i).getVersion()));
                        if (i > 0) {
                            fragments.add(renderer.comparison(new RegistryViews.Comparison(name, versions.get(i - 1),
                                    versions.get(i))));
                        }
                    }
                }
            }
            String pageTitle = title != null ? title : only.size() == 1 ? "Model " + only.get(0) : "Model registry";
            return ReportFiles.write(output, pageTitle, heading.footer(), fragments);
        }
    }
}
