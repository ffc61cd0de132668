package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Describable} (jenkins-2.479.3, where the method is abstract). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
