package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import io.jenkins.plugins.mlops.core.registry.ModelRegistries;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineFiles;
import io.jenkins.plugins.mlops.core.validate.EvaluationResult;
import io.jenkins.plugins.mlops.core.validate.EvaluationRunner;
import io.jenkins.plugins.mlops.core.validate.EvaluationSpec;
import io.jenkins.plugins.mlops.core.validate.GateOptions;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.MetricGate;
import io.jenkins.plugins.mlops.core.validate.RegistryBaselines;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import io.jenkins.plugins.mlops.core.validate.VerdictTable;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops validate}: what {@code mlValidate} does in a Pipeline — check metrics against rules and a baseline —
 * with the same argument names. Prints one line per rule; {@code --verdict-out} keeps the verdict for
 * {@code mlops register}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a model's metrics against rules (thresholds, baseline comparison, significance).",
            "Rules: see docs/validate.md, e.g. 'rmse < 0.95', 'rmse <= baseline.rmse * 1.01',",
            "'significant(rmse < baseline.rmse, 0.95)'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the gate passed", "1:the gate failed",
                "2:bad arguments or input, or the evaluation container could not run"})
public final class ValidateCommand implements Callable<Integer> {

    static final int PASSED = 0;
    static final int GATE_FAILED = 1;
    static final int INPUT_ERROR = 2;
    /** Same variable as {@code mlops register} reads. */
    static final String REGISTRY_ENV = RegistryCall.REGISTRY_ENV;

    /** Where the registry location, its credentials and the model name come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Spec
    CommandSpec command;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Metrics file: JSON (flat or nested), YAML or TOML, e.g. DVC's metrics.json.")
    Path metricsFile;
    @Option(names = "--metric", paramLabel = "NAME=VALUE", description = "A metric; repeatable; overrides --metrics.")
    List<String> metricPairs;
    @Option(names = "--threshold", paramLabel = "RULE", description = "A rule that must hold; repeatable, at least one.")
    List<String> thresholds;
    @Option(names = {"--compare-to", "--compareTo"}, paramLabel = "FILE|REF",
            description = {"Baseline: a metrics file, a verdict file from an earlier 'mlops validate --verdict-out',",
                "or a registered model: an alias (production), a version (3, v3) or 'latest', optionally as",
                "model@alias. A file of that name wins over a registry reference."})
    String compareTo;
    @Option(names = "--name", description = "Model whose registered version --compare-to names (default: the name in"
            + " model@alias, else $" + RegistryBaselines.MODEL_NAME_ENV + ", else the registry's only model).")
    String name;
    @Option(names = "--registry", paramLabel = "DIR|oci://HOST[:PORT]/PREFIX",
            description = "Registry --compare-to reads (default: $" + REGISTRY_ENV + ", else ~/.mlops/registry, as"
                    + " 'mlops register'). OCI credentials come from MLOPS_REGISTRY_USERNAME and MLOPS_REGISTRY_PASSWORD.")
    String registry;
    @Option(names = "--baseline", paramLabel = "NAME=VALUE", description = "A baseline metric; repeatable; overrides --compare-to.")
    List<String> baselinePairs;
    @Option(names = "--predictions", paramLabel = "FILE", description = "predictions.csv (label, prediction): metrics with bootstrap intervals.")
    Path predictions;
    @Option(names = "--task", description = "How to read predictions: auto (default: numbers mean regression), regression, classification.")
    String task;
    @Option(names = "--confidence", description = "Confidence level of intervals and significant(); default 0.95.")
    Double confidence;
    @Option(names = "--seed", description = "Bootstrap seed; default 42.")
    Long seed;
    @Option(names = "--resamples", description = "Bootstrap resamples; default 1000.")
    Integer resamples;

    @Option(names = "--image", description = "Evaluation image: runs with the model at /mlops/model and writes metrics.json / predictions.csv.")
    String image;
    @Option(names = "--dockerfile", description = "Dockerfile to build the evaluation image from.")
    String dockerfile;
    @Option(names = "--command", split = "\\s+", description = "Command replacing the evaluation image's CMD, e.g. --command 'python3 eval.py'.")
    List<String> commandLine;
    @Option(names = "--model", paramLabel = "PATH", description = "The candidate model (file or directory) to evaluate.")
    String model;
    @Option(names = "--data", paramLabel = "PATH", description = "Evaluation data copied read-only to /mlops/data; repeatable.")
    List<String> data;
    @Option(names = "--timeout", description = "Kill the evaluation after this long: 90s, 30m, 2h.")
    String timeout;
    @Option(names = "--output", paramLabel = "DIR", description = "Where the evaluation's outputs go (default: .mlops/eval/<time>).")
    Path output;

    @Option(names = {"--verdict-out", "--verdictOut"}, paramLabel = "FILE", description = "Write the verdict as JSON here.")
    Path verdictOut;
    @Option(names = "--json", description = "Print the verdict as JSON on stdout instead of the table.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            RuleSet rules = RuleSet.parse("--threshold", thresholds);
            GateOptions options = GateOptions.builder("--")
                    .confidence(confidence).seed(seed).resamples(resamples).task(task).build();
            Baseline baseline = baseline();
            Map<String, Double> metrics = new LinkedHashMap<>();
            Path predictionsFile = predictions;
            if (image != null || dockerfile != null) {
                EvaluationResult evaluation = evaluate(err);
                metrics.putAll(evaluation.getMetrics());
                if (evaluation.getPredictionsFile() != null) {
                    if (predictions != null) {
                        throw new MlopsArgumentException("--predictions", "the evaluation wrote its own predictions.csv;"
                                + " give --predictions only for an evaluation that writes none");
                    }
                    predictionsFile = Path.of(evaluation.getPredictionsFile());
                }
            }
            if (metricsFile != null) {
                metrics.putAll(MetricsFiles.read(metricsFile));
            }
            metrics.putAll(numbers("--metric", metricPairs));
            GateVerdict verdict = MetricGate.evaluate(rules, metrics, baseline, predictionsFile, options);
            if (verdictOut != null) {
                VerdictJson.write(verdict, verdictOut);
            }
            if (json) {
                out.print(VerdictJson.toJson(verdict));
            } else {
                printTable(verdict, out);
            }
            out.flush();
            return verdict.isPassed() ? PASSED : GATE_FAILED;
        } catch (MlopsArgumentException | IOException e) {
            err.println("mlops validate: " + e.getMessage());
            err.flush();
            return INPUT_ERROR;
        } catch (ContainerException e) {
            err.println("mlops validate: the evaluation failed: " + e.getMessage());
            err.flush();
            return INPUT_ERROR;
        }
    }

    private Baseline baseline() throws IOException, InterruptedException {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> from = new ArrayList<>();
        String none = "none given; use --compare-to or --baseline";
        if (compareTo != null) {
            Path file = Path.of(compareTo);
            if (Files.isRegularFile(file)) {
                values.putAll(BaselineFiles.read(file));
                from.add(compareTo);
            } else {
                Baseline registered = registeredBaseline();
                if (registered.isPresent()) {
                    values.putAll(registered.getMetrics());
                    from.add(registered.getDescription());
                } else {
                    none = registered.getDescription();
                }
            }
        }
        Map<String, Double> pairs = numbers("--baseline", baselinePairs);
        if (!pairs.isEmpty()) {
            values.putAll(pairs);
            from.add("--baseline");
        }
        if (from.isEmpty()) {
            return Baseline.none(none);
        }
        return Baseline.of(values, String.join(" + ", from));
    }

    /**
     * The registered model --compare-to names. Not a file, so it must read as a reference; when it does not, the
     * message says both what it is not and what it could be.
     */
    private Baseline registeredBaseline() throws IOException, InterruptedException {
        if (compareTo.equals("previous")) {
            throw new MlopsArgumentException("--compare-to", "'previous' means the last successful build and exists"
                    + " only in Jenkins; give a baseline metrics file or a registered model's alias or version");
        }
        try {
            RegistryBaselines.CLI.parse(compareTo);
        } catch (MlopsArgumentException e) {
            throw new MlopsArgumentException("--compare-to", "'" + compareTo + "' is neither a file nor a registered"
                    + " model's alias, version or 'latest' (" + e.getMessage() + ")");
        }
        try (ModelRegistry r = ModelRegistries.open(registryLocation(), environment)) {
            return RegistryBaselines.CLI.resolve(r, compareTo, name, environment);
        }
    }

    private String registryLocation() {
        return RegistryCall.location(registry, environment);
    }

    private EvaluationResult evaluate(PrintWriter err) throws ContainerException, InterruptedException {
        Path out = output != null ? output
                : Path.of(".mlops", "eval", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        EvaluationSpec spec = EvaluationSpec.builder().image(image).command(commandLine).model(model).data(data)
                .dockerfile(dockerfile)
                .timeout(timeout == null ? null : ArgumentParsers.duration("--timeout", timeout))
                .workDir(Path.of("").toAbsolutePath().toString())
                .outputDir(out.toAbsolutePath().normalize().toString())
                .build();
        return ConsoleContainerRun.run("validate", err, err, (docker, log) -> new EvaluationRunner(docker).run(spec, log));
    }

    private static Map<String, Double> numbers(String argument, List<String> pairs) {
        Map<String, Double> out = new LinkedHashMap<>();
        KeyValues.strings(argument, pairs, "rmse=0.91").forEach((name, value) -> {
            try {
                out.put(name.trim(), Double.parseDouble(value.trim()));
            } catch (NumberFormatException e) {
                throw new MlopsArgumentException(argument, "value of '" + name.trim() + "' must be a number, got '" + value.trim() + "'");
            }
        });
        return out;
    }

    /** One line per rule, aligned, as the Pipeline step writes it to the build log. */
    static void printTable(GateVerdict v, PrintWriter out) {
        VerdictTable.lines(v).forEach(out::println);
    }
}
