package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.AbstractDescribableImpl} (jenkins-2.479.3). The real
 * {@link #getDescriptor()} asks the running Jenkins for the descriptor registered for this class; there is no
 * running Jenkins behind the stubs, so it says so instead of returning something made up.
 */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException(
                "No Jenkins behind the API stubs: create the descriptor directly in tests");
    }
}
