package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Descriptor} (jenkins-2.479.3): metadata about a
 * {@link Describable} class. Mirrors the two constructors (the no-argument one infers the described class from the
 * enclosing class, as in Jenkins), the {@code clazz} field, {@link #getDisplayName()} and {@link #getId()}.
 */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass() + " has no outer class; pass the described class explicitly");
        }
    }

    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }
}
