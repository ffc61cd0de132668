package hudson;

/** Stand-in for Jenkins core's marker interface {@code hudson.ExtensionPoint} (jenkins-2.479.3). */
public interface ExtensionPoint {
}
