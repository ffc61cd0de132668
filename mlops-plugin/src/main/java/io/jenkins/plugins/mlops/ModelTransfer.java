package io.jenkins.plugins.mlops;

import hudson.FilePath;
import hudson.util.DirScanner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings a model from an agent's workspace to the controller, for registering into the controller's directory
 * registry. {@link DirScanner.Full} takes every file — Ant's default excludes ({@code .gitignore}, {@code *~}...)
 * would silently drop parts of a model — and keeps the model's own name, so a single file arrives under its name
 * and a directory with its layout, as the registry would have read them in the workspace.
 */
final class ModelTransfer {

    private ModelTransfer() {
    }

    /**
     * Copies {@code model} (file or directory) into {@code targetDir}, which must be a local directory on this
     * machine, and returns the local copy's path.
     *
     * @throws IOException when nothing could be copied
     */
    static Path copyInto(FilePath model, Path targetDir) throws IOException, InterruptedException {
        int copied = model.copyRecursiveTo(new DirScanner.Full(), new FilePath(targetDir.toFile()), model.getName());
        if (copied == 0) {
            throw new IOException("no file of " + model + " could be copied to the controller (" + targetDir + ")");
        }
        return new File(targetDir.toFile(), model.getName()).toPath();
    }
}
