package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.ItemGroup} (jenkins-2.479.3): a folder or Jenkins itself.
 * Mirrors {@link #getFullName()} ({@link AbstractItem#getFullName()} builds on it) and {@link #getItem}. (The real
 * {@code getItem} also declares Spring Security's unchecked {@code AccessDeniedException}, left out.)
 */
public interface ItemGroup<T extends Item> extends ModelObject {

    /** {@code ""} for Jenkins itself, else the folder's full name, e.g. {@code team/movies}. */
    String getFullName();

    /** The item of that name directly in this group, or null (also when the current user may not see it). */
    T getItem(String name);
}
