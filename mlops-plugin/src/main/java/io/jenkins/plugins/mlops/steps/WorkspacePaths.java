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
        Path ws = real(workspace.toPath());
        Path p = real(Path.of(path));
        if (!p.startsWith(ws)) {
            return p.toString();
        }
        return ws.relativize(p).toString().replace(File.separatorChar, '/');
    }

    /**
     * The path with links resolved where it exists (an agent's workspace is often reached through a link, such as
     * /home/jenkins -> /data/jenkins), so that a path inside the workspace is never reported as an absolute path of
     * the agent, which no user and no later step could use.
     */
    private static Path real(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (java.io.IOException e) {
            return absolute;
        }
    }
}
