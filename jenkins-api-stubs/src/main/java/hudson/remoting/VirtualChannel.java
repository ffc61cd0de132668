package hudson.remoting;

import java.io.IOException;

/**
 * Stand-in for remoting's {@code hudson.remoting.VirtualChannel} (remoting 3261.v9c670a_4748a_9, the version
 * jenkins-2.479.3 ships): the connection to an agent. Only {@link #call} is present (what {@code FilePath.act}
 * uses); {@code callAsync}, {@code close}, {@code join}, {@code export} and {@code syncLocalIO} are left out.
 * The real implementation serializes the callable, runs it on the agent and serializes its result (or exception)
 * back through Jenkins' class filter; the project's tests provide a channel that does the same in one JVM.
 */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
