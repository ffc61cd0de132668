package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.KeyValues;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.validate.ArgumentStyle;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.BaselineEvaluation;
import io.jenkins.plugins.mlops.core.validate.BaselineSources;
import io.jenkins.plugins.mlops.core.validate.CandidateMetrics;
import io.jenkins.plugins.mlops.core.validate.EvaluationResult;
import io.jenkins.plugins.mlops.core.validate.EvaluationRunner;
import io.jenkins.plugins.mlops.core.validate.EvaluationSpec;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RegistryBaselines;
import io.jenkins.plugins.mlops.core.validate.ValidationSpec;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import io.jenkins.plugins.mlops.core.validate.VerdictTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "2:bad arguments or input, or the evaluation container could not run",
                "130:stopped by Ctrl-C (SIGINT; 143 for SIGTERM): the container was stopped and removed"})
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
    @Option(names = "--baseline-predictions", paramLabel = "FILE", description = {"The baseline's predictions.csv for"
            + " the same examples (matched by an id column, else by row order): the gate compares paired.",
        "With --image and a registered --compare-to the baseline is evaluated again by the same image instead."})
    Path baselinePredictions;
    @Option(names = "--history", paramLabel = "FILE", description = "The training's history.csv (epoch or step column,"
            + " one column per metric): rules read history.loss.last, decreasing(history.loss, 3), ...")
    Path history;
    @Option(names = "--task", description = "How to read predictions: auto (default: numbers mean regression), regression, classification.")
    String task;
    @Option(names = "--confidence", description = "Confidence level of intervals and significant(); default 0.95.")
    Double confidence;
    @Option(names = "--seed", description = "Bootstrap seed; default 42.")
    Long seed;
    @Option(names = "--resamples", description = "Bootstrap resamples; default 1000.")
    Integer resamples;
    @Option(names = "--correction", description = "For several significant() rules: none (default), holm or bonferroni"
            + " bound the chance of any false alarm by one test's level.")
    String correction;

    @Option(names = "--image", description = "Evaluation image: runs with the model at /mlops/model and writes metrics.json / predictions.csv.")
    String image;
    @Option(names = "--dockerfile", description = "Dockerfile to build the evaluation image from.")
    String dockerfile;
    @Mixin
    ContainerCommandOptions containerCommand;
    @Option(names = "--model", paramLabel = "PATH", description = "The candidate model (file or directory) to evaluate.")
    String model;
    @Option(names = "--data", paramLabel = "PATH", description = "Evaluation data copied read-only to /mlops/data; repeatable.")
    List<String> data;
    @Option(names = "--timeout", description = "Kill the evaluation after this long: 90s, 30m, 2h.")
    String timeout;
    @Option(names = {"--pids-limit", "--pidsLimit"}, description = "Most processes and threads of the evaluation at once (default 4096).")
    Long pidsLimit;
    @Option(names = {"--cap-add", "--capAdd"}, paramLabel = "CAP", split = ",",
            description = "A Linux capability to give back to the evaluation (it has none), e.g. CHOWN; repeatable.")
    List<String> capAdd;
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
            ValidationSpec spec = spec();
            Path workDir = Path.of("").toAbsolutePath();
            Baseline baseline = BaselineSources.withExplicit(spec, baseline(spec, workDir));
            EvaluationResult evaluation = null;
            EvaluationResult baselineEvaluation = null;
            if (spec.runsEvaluation()) {
                EvaluationSpec here = evaluationHere(spec, workDir);
                evaluation = ConsoleContainerRun.run("validate", err, err,
                        (docker, log) -> new EvaluationRunner(docker).run(here, log));
                if (BaselineEvaluation.applies(spec, baseline, evaluation)) {
                    baselineEvaluation = evaluateBaseline(spec, here, evaluation, baseline, err);
                }
            }
            GateVerdict verdict = CandidateMetrics.collect(spec, workDir, evaluation, baselineEvaluation).gate(spec, baseline);
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

    /** The options as the core's gate takes them; every rule about them is the core's. */
    ValidationSpec spec() {
        return ValidationSpec.builder(ArgumentStyle.CLI)
                .thresholds(thresholds)
                .metrics(metricPairs == null ? null : numbers("--metric", metricPairs))
                .metricsFile(metricsFile == null ? null : metricsFile.toString())
                .predictions(predictions == null ? null : predictions.toString())
                .baselinePredictions(baselinePredictions == null ? null : baselinePredictions.toString())
                .history(history == null ? null : history.toString())
                .image(image)
                .dockerfile(dockerfile)
                .command(containerCommand.command())
                .model(model)
                .data(data)
                .timeout(timeout == null ? null : ArgumentParsers.duration("--timeout", timeout))
                .pidsLimit(pidsLimit)
                .capAdd(capAdd)
                .compareTo(compareTo)
                .baseline(baselinePairs == null ? null : numbers("--baseline", baselinePairs))
                .name(name)
                .registry(registry)
                .confidence(confidence)
                .seed(seed)
                .resamples(resamples)
                .task(task)
                .correction(correction)
                .build();
    }

    /** What --compare-to names, before --baseline values are laid over it. */
    private Baseline baseline(ValidationSpec spec, Path workDir) throws IOException, InterruptedException {
        Path file = spec.getCompareTo() == null ? null : workDir.resolve(spec.getCompareTo());
        return switch (BaselineSources.kind(spec, file != null && Files.isRegularFile(file))) {
            case NONE, PREVIOUS -> BaselineSources.none(spec);
            case FILE -> BaselineSources.file(spec, file);
            case REGISTERED -> {
                try (ModelRegistry r = registryLocation(spec).open(environment)) {
                    yield ArgumentStyle.CLI.registryBaselines().resolve(r, compareTo, name, environment);
                }
            }
        };
    }

    private RegistryLocation registryLocation(ValidationSpec spec) {
        return spec.getRegistry() != null ? spec.getRegistry() : RegistryCall.location(null, environment);
    }

    private EvaluationSpec evaluationHere(ValidationSpec spec, Path workDir) {
        Path out = output != null ? output
                : Path.of(".mlops", "eval", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        return spec.getEvaluation().on(workDir.toString(), out.toAbsolutePath().normalize().toString(), Map.of());
    }

    /** The registered baseline's files, pulled and evaluated by the image that evaluated the candidate. */
    private EvaluationResult evaluateBaseline(ValidationSpec spec, EvaluationSpec candidate, EvaluationResult run,
            Baseline baseline, PrintWriter err) throws IOException, ContainerException, InterruptedException {
        try (ModelRegistry registry = registryLocation(spec).open(environment)) {
            return ConsoleContainerRun.run("validate", err, err, (docker, log) ->
                    BaselineEvaluation.run(new EvaluationRunner(docker), spec, candidate, run, baseline, registry, log));
        }
    }

    private static Map<String, Double> numbers(String argument, List<String> pairs) {
        return KeyValues.numbers(argument, pairs, "rmse=0.91");
    }

    /** One line per rule, aligned, as the Pipeline step writes it to the build log. */
    static void printTable(GateVerdict v, PrintWriter out) {
        VerdictTable.lines(v).forEach(out::println);
    }
}
