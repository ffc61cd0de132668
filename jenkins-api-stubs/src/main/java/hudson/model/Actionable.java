package hudson.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Actionable} (jenkins-2.479.3): holds the actions attached to a
 * model object. Keeps them in memory as the real class does; transient action factories, which need a running
 * Jenkins, are not consulted.
 */
public abstract class Actionable {

    private volatile CopyOnWriteArrayList<Action> actions;

    /** @deprecated as in Jenkins: prefer {@link #addAction} and {@link #getActions(Class)}. */
    @Deprecated
    public List<Action> getActions() {
        if (actions == null) {
            synchronized (this) {
                if (actions == null) {
                    actions = new CopyOnWriteArrayList<>();
                }
            }
        }
        return actions;
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Action a : getActions()) {
            if (type.isInstance(a)) {
                matching.add(type.cast(a));
            }
        }
        return Collections.unmodifiableList(matching);
    }

    public void addAction(Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        getActions().add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : getActions()) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
