package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/**
 * Stand-in for Jenkins core's {@code jenkins.util.BuildListenerAdapter} (jenkins-2.479.3): a {@link TaskListener}
 * (what a Pipeline step gets) as the {@link BuildListener} older APIs take, as core's own {@code archiveArtifacts}
 * passes it to {@code ArtifactManager.archive}. The overrides of TaskListener's default methods are left out with
 * those methods.
 */
public final class BuildListenerAdapter implements BuildListener {

    private final TaskListener delegate;

    public BuildListenerAdapter(TaskListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public PrintStream getLogger() {
        return delegate.getLogger();
    }

    /** The listener itself when it is a BuildListener already, else an adapter. */
    public static BuildListener wrap(TaskListener l) {
        if (l instanceof BuildListener) {
            return (BuildListener) l;
        } else {
            return new BuildListenerAdapter(l);
        }
    }
}
