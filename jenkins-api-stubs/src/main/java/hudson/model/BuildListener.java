package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.BuildListener} (jenkins-2.479.3): the listener type older APIs
 * take, such as {@code ArtifactManager.archive}. Its default {@code started} and {@code finished} methods are left
 * out.
 */
public interface BuildListener extends TaskListener {
}
