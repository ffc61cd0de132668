package io.jenkins.plugins.mlops.steps;

import java.io.File;
import jenkins.model.Jenkins;

/**
 * The one place the plugin asks the running Jenkins for something global: {@code JENKINS_HOME}, for pages that are
 * not part of a build (the registry page) and so have no build environment to read it from. Everything else gets
 * what it needs from its StepContext or its build.
 */
public final class ControllerHome {

    private ControllerHome() {
    }

    public static File get() {
        return Jenkins.get().getRootDir();
    }
}
