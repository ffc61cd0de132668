package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.ItemGroup} (jenkins-2.479.3): a folder or Jenkins itself.
 * Only {@link #getFullName()} is mirrored ({@link AbstractItem#getFullName()} builds on it).
 */
public interface ItemGroup<T extends Item> extends ModelObject {

    /** {@code ""} for Jenkins itself, else the folder's full name, e.g. {@code team/movies}. */
    String getFullName();
}
