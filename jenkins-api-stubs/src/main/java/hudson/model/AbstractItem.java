package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.AbstractItem} (jenkins-2.479.3); only its constructor. */
public abstract class AbstractItem extends Actionable implements Item {

    protected transient String name;
    private transient ItemGroup parent;

    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }
}
