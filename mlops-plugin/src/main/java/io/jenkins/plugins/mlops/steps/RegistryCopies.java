package io.jenkins.plugins.mlops.steps;

import hudson.FilePath;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A registered version's files, from a registry on the controller to a workspace on an agent: pulled here (every
 * digest verified, as every pull is), then copied file by file through the agent's channel. For the steps whose
 * work runs where the workspace is but whose registry is a directory only the controller sees: mlDeploy (the
 * version it serves) and mlValidate (the champion it evaluates again on the same data).
 */
public final class RegistryCopies {

    private RegistryCopies() {
    }

    /** Copies version {@code version} of {@code name} to {@code target}, which then holds exactly its files. */
    public static ModelVersion copy(ModelRegistry registry, String name, int version, FilePath target)
            throws IOException, InterruptedException {
        Path local = Files.createTempDirectory("mlops-version-");
        try {
            ModelVersion v = registry.pull(name, Integer.toString(version), local.resolve("model"));
            target.deleteRecursive();
            for (ModelFile f : v.getFiles()) {
                new FilePath(local.resolve("model").resolve(f.getPath()).toFile()).copyTo(target.child(f.getPath()));
            }
            return v;
        } finally {
            try (Stream<Path> walk = Files.walk(local)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
