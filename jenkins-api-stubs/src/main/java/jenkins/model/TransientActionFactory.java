package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.TransientActionFactory} (jenkins-2.479.3): an {@code @Extension}
 * that adds actions to every object of a type when Jenkins lists that object's actions ({@code getAllActions}),
 * without storing them. Jenkins consults a factory only for the action types its {@link #actionType()} covers.
 * The stand-in's {@code Actionable} does not consult factories; tests call {@link #createFor} themselves.
 */
public abstract class TransientActionFactory<T> implements ExtensionPoint {

    /** The type of object this factory adds actions to. */
    public abstract Class<T> type();

    /** A supertype of every action this factory creates; {@link Action} unless a factory says better. */
    public Class<? extends Action> actionType() {
        return Action.class;
    }

    /** The actions for {@code target}; called often, so it must be cheap. */
    public abstract Collection<? extends Action> createFor(T target);
}
