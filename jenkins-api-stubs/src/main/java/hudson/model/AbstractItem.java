package hudson.model;

/**
 * Stand-in for Jenkins core's {@code hudson.model.AbstractItem} (jenkins-2.479.3): a named item in an item group.
 * Mirrors the constructor, {@link #getName()}, {@link #getParent()} and {@link #getFullName()} with their real
 * bodies.
 */
public abstract class AbstractItem extends Actionable implements Item {

    protected transient String name;
    private transient ItemGroup parent;

    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public ItemGroup getParent() {
        if (parent == null) {
            throw new IllegalStateException("no parent set on " + getClass().getName() + "[" + name + "]");
        }
        return parent;
    }

    /** The name with the folders it is in: {@code team/movies/main}. */
    public final String getFullName() {
        String n = getParent().getFullName();
        if (n.isEmpty()) {
            return getName();
        }
        return n + '/' + getName();
    }
}
