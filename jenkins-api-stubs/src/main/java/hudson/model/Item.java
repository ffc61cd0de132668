package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Item} (jenkins-2.479.3): something in an item group. */
public interface Item {

    /** The folder the item is in, or Jenkins itself. */
    ItemGroup<? extends Item> getParent();
}
