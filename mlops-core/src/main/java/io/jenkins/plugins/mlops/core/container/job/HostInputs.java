package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.InputManifest;
import io.jenkins.plugins.mlops.core.container.OutputDirectory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host paths of a job, resolved against its work directory and checked on the machine that runs the job (the
 * Jenkins agent), before anything is created on the Docker Engine. Errors name the argument as the steps call it.
 *
 * @param dockerfile   null when an existing image runs
 * @param buildContext null when an existing image runs
 * @param data         data inputs, in the order given
 * @param dataManifest every file and directory of the data inputs, walked now so that a bad input fails early
 * @param modelInput   null unless this is an evaluation run
 * @param modelManifest the model input's files (its contents at top level when it is a directory)
 */
public record HostInputs(
        Path dockerfile,
        Path buildContext,
        List<Path> data,
        InputManifest dataManifest,
        Path modelInput,
        InputManifest modelManifest,
        OutputDirectory output) {

    /**
     * @param workDir     the directory relative paths are resolved against (the workspace); null for the current one
     * @param dockerfile  a Dockerfile to build, or null to run an existing image
     * @param buildContext the build context, or null for the Dockerfile's directory
     * @param dataPaths   files or directories copied to {@code /mlops/data}
     * @param modelInput  a model copied to {@code /mlops/model}, or null
     * @param outputDir   the directory that receives the outputs
     * @throws MlopsArgumentException naming the first path that cannot be used
     */
    public static HostInputs resolve(String workDir, String dockerfile, String buildContext, List<String> dataPaths,
                                     String modelInput, String outputDir) {
        Path work = path("workDir", null, workDir == null ? "." : workDir);
        Path file = null;
        Path context = null;
        if (dockerfile != null && !dockerfile.isBlank()) {
            context = buildContext == null || buildContext.isBlank() ? null : path("buildContext", work, buildContext);
            // Relative to the build context as documented, but the workspace-relative spelling (as `docker build -f`
            // takes it) is accepted too when only that one names a file.
            file = path("dockerfile", context != null ? context : work, dockerfile);
            if (context != null && !Files.isRegularFile(file)) {
                Path fromWorkDir = path("dockerfile", work, dockerfile);
                if (Files.isRegularFile(fromWorkDir)) {
                    file = fromWorkDir;
                }
            }
            if (!Files.isRegularFile(file)) {
                throw new MlopsArgumentException("dockerfile", "'" + dockerfile + "' is not a file (looked at " + file + ")");
            }
            if (context == null) {
                context = file.getParent();
            }
            if (!Files.isDirectory(context)) {
                throw new MlopsArgumentException("buildContext", "'" + buildContext + "' is not a directory (looked at "
                        + context + ")");
            }
            if (!file.startsWith(context)) {
                throw new MlopsArgumentException("dockerfile", "'" + file + "' must be inside the build context " + context);
            }
        }
        List<Path> data = (dataPaths == null ? List.<String>of() : dataPaths).stream()
                .map(d -> path("data", work, d)).toList();
        Map<String, Path> names = new HashMap<>();
        for (Path d : data) {
            if (!Files.exists(d)) {
                throw new MlopsArgumentException("data", "'" + d + "' does not exist");
            }
            Path name = d.getFileName();
            if (name == null) {
                throw new MlopsArgumentException("data", "'" + d + "' has no name to put under /mlops/data");
            }
            Path clash = names.put(name.toString(), d);
            if (clash != null) {
                throw new MlopsArgumentException("data", "'" + clash + "' and '" + d + "' would both be /mlops/data/" + name
                        + "; rename one or give their common parent");
            }
        }
        InputManifest dataManifest = InputManifest.ofNamedRoots("data", data);
        Path model = null;
        InputManifest modelManifest = null;
        if (modelInput != null && !modelInput.isBlank()) {
            model = path("model", work, modelInput);
            if (!Files.exists(model)) {
                throw new MlopsArgumentException("model", "'" + model + "' does not exist");
            }
            modelManifest = InputManifest.ofModel("model", model);
        }
        OutputDirectory output = OutputDirectory.check(path("outputDir", work, outputDir));
        return new HostInputs(file, context, data, dataManifest, model, modelManifest, output);
    }

    private static Path path(String argument, Path base, String text) {
        try {
            Path p = Path.of(text);
            if (base != null) {
                p = base.resolve(p);
            }
            return p.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not a valid path: " + e.getMessage());
        }
    }

}
