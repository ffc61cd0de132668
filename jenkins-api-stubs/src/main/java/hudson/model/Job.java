package hudson.model;

import hudson.ExtensionPoint;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Job} (jenkins-2.479.3): the bound of {@link Run}'s type
 * parameters, and the lookup of one of its builds by number. Jenkins keeps the builds in a lazily loaded list the
 * stand-in does not have; test doubles override {@link #getBuildByNumber}.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    /** The build with that number, or null when there is none. */
    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("the stand-in keeps no builds");
    }
}
