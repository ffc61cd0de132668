package io.jenkins.plugins.mlops.steps;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * What every step's report on the build page shares: it knows its build (for links and for the next build to find
 * the previous one's records). The build is transient: Jenkins saves the action inside the build's own
 * build.xml and hands the build back through {@link #onLoad}.
 */
public abstract class BuildReportAction implements RunAction2 {

    private transient Run<?, ?> run;

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** The build this action belongs to; null only before it is attached. */
    public Run<?, ?> getRun() {
        return run;
    }
}
