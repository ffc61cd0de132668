package jenkins.model;

import hudson.model.Item;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.Jenkins} (jenkins-2.479.3): the controller itself. Only the
 * lookups the plugin makes are here, and no instance ever exists outside a running Jenkins: as in Jenkins then,
 * {@link #getInstanceOrNull()} is null and {@link #get()} throws. The real {@code getItemByFullName} declares
 * Spring Security's unchecked {@code AccessDeniedException}; the stand-in has no security and leaves it out.
 */
public class Jenkins {

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        Jenkins instance = getInstanceOrNull();
        if (instance == null) {
            throw new IllegalStateException("Jenkins.instance is missing. Read the documentation of"
                    + " Jenkins.getInstanceOrNull to see what you are doing wrong.");
        }
        return instance;
    }

    /** Null: there is no running Jenkins where the stand-ins are used. */
    public static Jenkins getInstanceOrNull() {
        return null;
    }

    /** Whether Jenkins is shutting down (its terminators, which save every running Pipeline, have run). */
    public boolean isTerminating() {
        throw new UnsupportedOperationException("needs a running Jenkins");
    }

    /** The item of that type under that full name ({@code folder/job}), or null. */
    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) {
        throw new UnsupportedOperationException("needs a running Jenkins");
    }
}
