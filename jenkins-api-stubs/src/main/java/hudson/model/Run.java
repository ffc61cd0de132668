package hudson.model;

import hudson.ExtensionPoint;
import jenkins.model.RunAction2;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Run} (jenkins-2.479.3): one build of a job. Mirrors the
 * constructor that does not touch the job, the build number, the parent job, and {@link #addAction}, which (as in
 * Jenkins) tells a {@link RunAction2} that it was attached.
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint {

    protected final transient JobT project;

    /** Public and mutable in Jenkins too: callers of {@link #Run(Job, long)} set it themselves. */
    public transient int number;

    protected long timestamp;

    protected Run(JobT job, long timestamp) {
        this.project = job;
        this.timestamp = timestamp;
    }

    public JobT getParent() {
        return project;
    }

    public int getNumber() {
        return number;
    }

    @Override
    public void addAction(Action a) {
        super.addAction(a);
        if (a instanceof RunAction2) {
            ((RunAction2) a).onAttached(this);
        }
    }
}
