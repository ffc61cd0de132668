package hudson.model;

import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;
import jenkins.model.ArtifactManager;
import jenkins.model.RunAction2;
import jenkins.model.StandardArtifactManager;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Run} (jenkins-2.479.3): one build of a job. Mirrors the
 * constructor that does not touch the job, the build number, the parent job, {@link #addAction} (which, as in
 * Jenkins, tells a {@link RunAction2} that it was attached), the result, the link to the previous build, and the
 * artifact manager as Jenkins picks it when no plugin contributes one ({@link #pickArtifactManager()}).
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint {

    protected final transient JobT project;

    /** Public and mutable in Jenkins too: callers of {@link #Run(Job, long)} set it themselves. */
    public transient int number;

    /** Set by the build list in Jenkins (and by test doubles here). */
    protected transient volatile RunT previousBuild;

    protected long timestamp;

    protected volatile Result result;

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

    /** Null while the build runs and nothing has set a result yet. */
    public Result getResult() {
        return result;
    }

    /**
     * As in Jenkins, a result can only get worse. (Jenkins also refuses the call outside the building phase; the
     * stand-in has no phases.)
     */
    public void setResult(Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    /**
     * Whether the build still runs (in Jenkins: has not reached its post-production phase; a Pipeline build that
     * waits to resume after a restart runs). The stand-in has no phases; test doubles override this.
     */
    public boolean isBuilding() {
        throw new UnsupportedOperationException("the stand-in has no build phases");
    }

    public RunT getPreviousBuild() {
        return previousBuild;
    }

    /** The last earlier build whose result is exactly {@link Result#SUCCESS} (an unstable build is not). */
    public RunT getPreviousSuccessfulBuild() {
        RunT r = getPreviousBuild();
        while (r != null && r.getResult() != Result.SUCCESS) {
            r = r.getPreviousBuild();
        }
        return r;
    }

    /**
     * The build's URL relative to Jenkins' root, {@code job/name/7/}. Jenkins computes it from the current HTTP
     * request and the item tree, which the stand-in does not have.
     */
    public String getUrl() {
        throw new UnsupportedOperationException("Run.getUrl() needs a running Jenkins");
    }

    /**
     * The build's directory ({@code $JENKINS_HOME/jobs/<job>/builds/<n>}). Jenkins computes it from the job's build
     * directory, which needs a running Jenkins; test doubles override it.
     */
    public File getRootDir() {
        throw new UnsupportedOperationException("Run.getRootDir() needs a running Jenkins");
    }

    /** Where the standard artifact manager keeps the build's artifacts: {@code archive} in its directory. */
    @Deprecated
    public File getArtifactsDir() {
        return new File(getRootDir(), "archive");
    }

    /**
     * The artifact manager to archive with. Jenkins asks the configured artifact manager factories first (and
     * keeps the one that answers with the build); with none, as here, it is the standard one.
     */
    public final synchronized ArtifactManager pickArtifactManager() throws IOException {
        return new StandardArtifactManager(this);
    }

    @Override
    public void addAction(Action a) {
        super.addAction(a);
        if (a instanceof RunAction2) {
            ((RunAction2) a).onAttached(this);
        }
    }
}
