package io.jenkins.plugins.mlops.steps;

import java.io.File;
import java.nio.file.Path;

/** Paths as steps report them: relative to the workspace, with forward slashes, as later steps take them. */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /**
     * {@code path} relative to {@code workspace}, or absolute when it lies outside. Computed on the agent that
     * holds the workspace, because only that machine knows its own path syntax.
     */
    public static String relative(File workspace, String path) {
        Path ws = workspace.toPath().toAbsolutePath().normalize();
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (!p.startsWith(ws)) {
            return p.toString();
        }
        return ws.relativize(p).toString().replace(File.separatorChar, '/');
    }
}
