package org.jenkinsci.remoting;

import java.io.Serializable;

/**
 * Stand-in for remoting's {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting}
 * (remoting 3261.v9c670a_4748a_9), supertype of {@code FilePath} and {@code TaskListener}. The real interface's
 * default method {@code getChannelForSerialization()} is left out: nothing here calls it.
 */
public interface SerializableOnlyOverRemoting extends Serializable {
}
