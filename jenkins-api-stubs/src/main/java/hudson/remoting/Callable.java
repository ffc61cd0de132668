package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/**
 * Stand-in for remoting's {@code hudson.remoting.Callable} (remoting 3261.v9c670a_4748a_9): work sent over a
 * channel to run on the other side. The real interface's default methods ({@code getChannelOrFail},
 * {@code getOpenChannelOrFail}) are left out: nothing here calls them.
 */
public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
