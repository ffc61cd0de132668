package hudson.remoting;

/**
 * Stand-in for remoting's {@code hudson.remoting.VirtualChannel} (remoting 3261.v9c670a_4748a_9, the version
 * jenkins-2.479.3 ships). Only the type is needed: it appears in {@code FileCallable.invoke}'s signature.
 */
public interface VirtualChannel {
}
