package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.StandardArtifactManager} (jenkins-2.479.3): keeps a build's
 * artifacts in its {@code archive} directory ({@code Run.getArtifactsDir()}), which is what Jenkins serves at
 * {@code .../artifact/} with its Content-Security-Policy for archived files. As in Jenkins, each entry's workspace
 * file is copied, from the agent when the workspace is on one, to the entry's path in that directory, replacing a
 * file archived there before. (Jenkins moves the files as one tar stream over the channel; this copies them one by
 * one, which is all a test needs.)
 */
public class StandardArtifactManager extends ArtifactManager {

    protected transient Run<?, ?> build;

    public StandardArtifactManager(Run<?, ?> build) {
        onLoad(build);
    }

    @Override
    public final void onLoad(Run<?, ?> build) {
        this.build = build;
    }

    @SuppressWarnings("deprecation")
    @Override
    public void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
            throws IOException, InterruptedException {
        File dir = build.getArtifactsDir();
        for (Map.Entry<String, String> e : artifacts.entrySet()) {
            workspace.child(e.getValue()).copyTo(new FilePath(new File(dir, e.getKey())));
        }
    }
}
