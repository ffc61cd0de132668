package hudson.model;

import hudson.ExtensionPoint;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Job} (jenkins-2.479.3). Needed as the bound of {@link Run}'s
 * type parameters; no member of it is used.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }
}
