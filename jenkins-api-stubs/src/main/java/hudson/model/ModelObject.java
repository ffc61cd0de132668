package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.ModelObject} (jenkins-2.479.3). */
public interface ModelObject {
    String getDisplayName();
}
