package hudson.model;

import hudson.ExtensionPoint;
import java.util.SortedMap;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Job} (jenkins-2.479.3): the bound of {@link Run}'s type
 * parameters, and its builds as the job page's trend reads them ({@link #getLastBuild()} over {@link #_getRuns()},
 * as in Jenkins; each build links to the one before it through {@link Run#getPreviousBuild()}), and one of them by
 * number ({@link #getBuildByNumber}, over {@link #_getRuns()} as in Jenkins).
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint {

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    /** The job's builds by number, newest first (Jenkins' build map is in descending order). */
    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    /** The newest build, or null when the job has none. */
    public RunT getLastBuild() {
        SortedMap<Integer, ? extends RunT> runs = _getRuns();
        if (runs.isEmpty()) {
            return null;
        }
        return runs.get(runs.firstKey());
    }

    /** The build with that number, or null when there is none. */
    public RunT getBuildByNumber(int n) {
        return _getRuns().get(n);
    }
}
