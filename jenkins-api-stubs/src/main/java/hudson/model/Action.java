package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Action} (jenkins-2.479.3): something attached to a build. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
