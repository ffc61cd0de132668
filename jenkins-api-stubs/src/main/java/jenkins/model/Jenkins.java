package jenkins.model;

import java.io.File;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.Jenkins} (jenkins-2.479.3), reduced to the members the plugin
 * calls: {@link #get()} and {@link #getRootDir()} ({@code JENKINS_HOME}) from its one facade, and
 * {@link #isTerminating()} on the instance a build's item parents lead to (Jenkins is the top item group; its
 * supertypes are left out here). Outside a running Jenkins, {@link #get()} fails as Jenkins' does before it has
 * started.
 */
public class Jenkins {

    private final File root;

    protected Jenkins(File root) {
        this.root = root;
    }

    /** @throws IllegalStateException when Jenkins is not running (always, for the stand-in) */
    public static Jenkins get() throws IllegalStateException {
        throw new IllegalStateException("Jenkins.instance is missing. Read the documentation of Jenkins.getInstanceOrNull"
                + " to see what you are doing wrong.");
    }

    /** {@code JENKINS_HOME}. */
    public File getRootDir() {
        return root;
    }

    /**
     * Whether Jenkins is shutting down (its terminators, which save every running Pipeline, have run). The stand-in
     * never shuts down.
     */
    public boolean isTerminating() {
        return false;
    }
}
