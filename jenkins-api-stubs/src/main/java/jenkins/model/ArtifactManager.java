package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.IOException;
import java.util.Map;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.ArtifactManager} (jenkins-2.479.3): where a build's artifacts
 * go. Jenkins picks one per build ({@link Run#pickArtifactManager()}): the standard one keeps them under the build's
 * directory, plugins put them elsewhere (S3, Artifactory...). Only {@link #archive} (and {@link #onLoad}, which
 * every manager has) is here; {@code delete()} and {@code root()} (a {@code VirtualFile}) are left out.
 */
public abstract class ArtifactManager {

    /** Called when this manager is loaded from disk with its build. */
    public abstract void onLoad(Run<?, ?> build);

    /**
     * Archives files of {@code workspace}; a second call for the same build keeps what the first archived, unless
     * it archives the same path again.
     *
     * @param artifacts from paths in the archive to paths relative to {@code workspace}, both {@code /}-separated
     */
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener,
            Map<String, String> artifacts) throws IOException, InterruptedException;
}
