package io.jenkins.plugins.mlops.core.train;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host paths of a {@link TrainingSpec}, resolved against its work directory and checked on the machine that
 * runs the training (the Jenkins agent), before anything is created on the Docker Engine.
 *
 * @param dockerfile   null when an existing image runs
 * @param buildContext null when an existing image runs
 * @param data         data inputs, in the order given
 * @param dataManifest every file and directory of the data inputs, walked now so that a bad input fails early
 * @param modelInput   null unless this is an evaluation run
 * @param modelManifest the model input's files (its contents at top level when it is a directory)
 */
record HostInputs(
        Path dockerfile,
        Path buildContext,
        List<Path> data,
        InputManifest dataManifest,
        Path modelInput,
        InputManifest modelManifest,
        OutputDirectory output) {

    static HostInputs resolve(TrainingSpec spec) {
        Path workDir = path("workDir", null, spec.getWorkDir() == null ? "." : spec.getWorkDir());
        Path dockerfile = null;
        Path context = null;
        if (spec.getDockerfile() != null && !spec.getDockerfile().isBlank()) {
            context = spec.getBuildContext() == null || spec.getBuildContext().isBlank()
                    ? null : path("buildContext", workDir, spec.getBuildContext());
            // Relative to the build context as documented, but the workspace-relative spelling (as `docker build -f`
            // takes it) is accepted too when only that one names a file.
            dockerfile = path("dockerfile", context != null ? context : workDir, spec.getDockerfile());
            if (context != null && !Files.isRegularFile(dockerfile)) {
                Path fromWorkDir = path("dockerfile", workDir, spec.getDockerfile());
                if (Files.isRegularFile(fromWorkDir)) {
                    dockerfile = fromWorkDir;
                }
            }
            if (!Files.isRegularFile(dockerfile)) {
                throw new MlopsArgumentException("dockerfile", "'" + spec.getDockerfile() + "' is not a file (looked at "
                        + dockerfile + ")");
            }
            if (context == null) {
                context = dockerfile.getParent();
            }
            if (!Files.isDirectory(context)) {
                throw new MlopsArgumentException("buildContext", "'" + spec.getBuildContext() + "' is not a directory (looked at "
                        + context + ")");
            }
            if (!dockerfile.startsWith(context)) {
                throw new MlopsArgumentException("dockerfile", "'" + dockerfile + "' must be inside the build context " + context);
            }
        }
        List<Path> data = spec.getData().stream().map(d -> path("data", workDir, d)).toList();
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
        if (spec.getModelInput() != null && !spec.getModelInput().isBlank()) {
            model = path("model", workDir, spec.getModelInput());
            if (!Files.exists(model)) {
                throw new MlopsArgumentException("model", "'" + model + "' does not exist");
            }
            modelManifest = InputManifest.ofModel("model", model);
        }
        OutputDirectory output = OutputDirectory.check(path("outputDir", workDir, spec.getOutputDir()));
        return new HostInputs(dockerfile, context, data, dataManifest, model, modelManifest, output);
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

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
