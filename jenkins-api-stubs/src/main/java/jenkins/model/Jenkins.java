package jenkins.model;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.Jenkins} (jenkins-2.479.3): the controller itself, the item group
 * at the top of every item's parents. Only {@link #isTerminating()} is here; no instance exists outside a running
 * Jenkins (so code that reaches one by walking up an item's parents finds none under the stand-ins). Its supertypes
 * ({@code ItemGroup} among them) are left out.
 */
public class Jenkins {

    private Jenkins() {
    }

    /** Whether Jenkins is shutting down (its terminators, which save every running Pipeline, have run). */
    public boolean isTerminating() {
        throw new UnsupportedOperationException("needs a running Jenkins");
    }
}
