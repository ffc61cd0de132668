package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Item} (jenkins-2.479.3); only the type. */
public interface Item {
}
