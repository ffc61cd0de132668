package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.KeyValues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import io.jenkins.plugins.mlops.core.train.TrainingRecord;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlops register}: what {@code mlRegister} does in a Pipeline, with the same argument names. */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Store a model as the next version of its name, with metrics, params, gate verdict and lineage,"
                + " and point aliases at it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:registered", "1:refused (an alias for a model that did not pass its gate, without"
                + " --force) or the registry failed", "2:bad arguments or input files"})
public final class RegisterCommand extends RegistryCall {

    @Option(names = "--name", required = true, description = "Model name, e.g. movie_predictor.")
    String name;
    @Option(names = "--model", paramLabel = "PATH", description = "Model file or directory (default with --run: its model).")
    Path model;
    @Option(names = "--run", paramLabel = "DIR", description = "Output directory of an `mlops train` run: its model,"
            + " metrics, params, image id and data digest, unless given by the other options.")
    Path run;
    @Option(names = {"--aliases", "--alias"}, split = ",", paramLabel = "ALIAS",
            description = "Aliases to point at the new version, e.g. candidate; repeatable or comma-separated.")
    List<String> aliases = new ArrayList<>();
    @Option(names = "--force", description = "Give the aliases even though the gate did not pass (recorded).")
    boolean force;
    @Option(names = "--metrics", paramLabel = "FILE", description = "metrics.json of the training run.")
    Path metrics;
    @Option(names = "--params", paramLabel = "FILE", description = "JSON object of hyperparameters (params.json).")
    Path params;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A hyperparameter; repeatable.")
    List<String> param = new ArrayList<>();
    @Option(names = "--verdict", paramLabel = "FILE",
            description = "The verdict `mlops validate --verdict-out` wrote: {\"passed\": true|false, ...}.")
    Path verdict;
    @Option(names = {"--gitCommit", "--git-commit"}, description = "Commit the model was trained from (default: $GIT_COMMIT).")
    String gitCommit;
    @Option(names = {"--gitUrl", "--git-url"}, description = "Remote of that commit (default: $GIT_URL).")
    String gitUrl;
    @Option(names = {"--imageId", "--image-id"}, description = "Id of the training image.")
    String imageId;
    @Option(names = {"--dataDigest", "--data-digest"}, description = "Digest of the training data.")
    String dataDigest;
    @Option(names = "--actor", description = "Who registers (default: $JOB_NAME #$BUILD_NUMBER, else the OS user).")
    String actor;

    @Override
    int run(ModelRegistry registry, PrintWriter out) throws IOException, InterruptedException {
        TrainingResult trained = readRun();
        Path modelPath = model != null ? model : trained != null ? Path.of(trained.modelPath()) : null;
        if (modelPath == null) {
            throw new MlopsArgumentException("model", "give --model (the model file or directory) or --run (the output directory of a training run)");
        }
        RegistrationRequest request = RegistrationRequest.builder()
                .name(name)
                .modelPath(modelPath.toAbsolutePath().toString())
                .aliases(aliases)
                .force(force)
                .metrics(metrics == null && trained != null ? trained.metrics() : readMetrics())
                .params(readParams(trained))
                .gate(readVerdict())
                .lineage(lineage(trained))
                .build();
        ModelVersion v = registry.register(request);
        if (json) {
            RegistryOutput.print(out, RegistryOutput.version(v, registry.aliases(v.getName())));
        } else {
            out.println("registered " + v.getName() + " v" + v.getVersion() + " (" + v.getDigest() + ") in "
                    + registry.location() + ": " + v.getFiles().size() + " file(s), " + Tables.size(v.totalSize())
                    + ", gate " + v.getGate().describe()
                    + (request.getAliases().isEmpty() ? "" : ", aliases " + String.join(", ", request.getAliases())));
        }
        return 0;
    }

    private Map<String, Double> readMetrics() throws IOException {
        if (metrics == null) {
            return Map.of();
        }
        requireFile("metrics", metrics);
        try {
            return MetricsFiles.read(metrics);
        } catch (IOException e) {
            throw new MlopsArgumentException("metrics", e.getMessage());
        }
    }

    private TrainingResult readRun() {
        if (run == null) {
            return null;
        }
        try {
            return TrainingRecord.read(run);
        } catch (IOException e) {
            throw new MlopsArgumentException("run", e.getMessage());
        }
    }

    private Map<String, Object> readParams(TrainingResult trained) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (params == null && trained != null) {
            out.putAll(trained.params());
        }
        if (params != null) {
            JsonNode root = readJsonObject("params", params);
            @SuppressWarnings("unchecked")
            Map<String, Object> fromFile = RegistryOutput.JSON.convertValue(root, LinkedHashMap.class);
            out.putAll(fromFile);
        }
        out.putAll(KeyValues.typed("param", param));
        return out;
    }

    /** The verdict's {@code passed}; the rest of the object is kept as the gate's summary. */
    private GateRecord readVerdict() throws IOException {
        if (verdict == null) {
            return GateRecord.notValidated();
        }
        JsonNode root = readJsonObject("verdict", verdict);
        JsonNode passed = root.get("passed");
        if (passed == null || !passed.isBoolean()) {
            throw new MlopsArgumentException("verdict", verdict + " has no boolean \"passed\" field; expected what"
                    + " `mlops validate --verdict-out` writes: {\"passed\": true, \"results\": [...]}");
        }
        ObjectNode rest = ((ObjectNode) root).deepCopy();
        rest.remove("passed");
        return GateRecord.of(passed.asBoolean(), RegistryJson.text(rest));
    }

    private Lineage lineage(TrainingResult trained) {
        Integer buildNumber = null;
        String bn = environment.get("BUILD_NUMBER");
        if (bn != null && bn.matches("[0-9]{1,9}")) {
            buildNumber = Integer.parseInt(bn);
        }
        return Lineage.builder()
                .job(environment.get("JOB_NAME"))
                .buildNumber(buildNumber)
                .buildUrl(environment.get("BUILD_URL"))
                .gitCommit(gitCommit != null ? gitCommit : environment.get("GIT_COMMIT"))
                .gitUrl(gitUrl != null ? gitUrl : environment.get("GIT_URL"))
                .trainingImageId(imageId != null ? imageId : trained == null ? null : trained.imageId())
                .dataDigest(dataDigest != null ? dataDigest : trained == null ? null : trained.dataDigest())
                .actor(actor(actor))
                .build();
    }

    private static JsonNode readJsonObject(String argument, Path file) throws IOException {
        requireFile(argument, file);
        JsonNode root;
        try {
            root = RegistryOutput.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new MlopsArgumentException(argument, file + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MlopsArgumentException(argument, file + " must hold a JSON object");
        }
        return root;
    }

    private static void requireFile(String argument, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MlopsArgumentException(argument, file + " does not exist or is not a file");
        }
    }
}
