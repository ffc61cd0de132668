package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.ItemGroup} (jenkins-2.479.3); only the type. */
public interface ItemGroup<T extends Item> extends ModelObject {
}
