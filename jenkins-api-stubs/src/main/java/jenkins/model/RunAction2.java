package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/**
 * Stand-in for Jenkins core's {@code jenkins.model.RunAction2} (jenkins-2.479.3): an action told which build it
 * belongs to when attached and again after the build is loaded from disk.
 */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
