package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

/**
 * Stand-in for Jenkins core's {@code hudson.Launcher} (jenkins-2.479.3): what starts processes on the node that
 * holds a workspace, and what Jenkins' artifact API takes beside the workspace. The plugin never starts a process
 * (containers run through the Docker Engine API); it only hands the launcher of its step context to
 * {@code ArtifactManager.archive}. So only the constructors, the channel and the listener are here; the real
 * class's process methods (and its abstract {@code launch}, {@code launchChannel}, {@code kill}) are left out.
 */
public abstract class Launcher {

    protected final TaskListener listener;

    protected final VirtualChannel channel;

    protected Launcher(TaskListener listener, VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    protected Launcher(Launcher launcher) {
        this(launcher.listener, launcher.channel);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public TaskListener getListener() {
        return listener;
    }

    /** Starts processes on this machine. The real one-argument constructor uses FilePath's local channel. */
    public static class LocalLauncher extends Launcher {

        public LocalLauncher(TaskListener listener) {
            this(listener, null);
        }

        public LocalLauncher(TaskListener listener, VirtualChannel channel) {
            super(listener, channel);
        }
    }
}
