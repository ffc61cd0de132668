package io.jenkins.plugins.mlops.steps;

import hudson.model.Job;
import hudson.model.Run;
import jenkins.model.Jenkins;

/**
 * Whether a build of this controller still runs, for deciding which labelled containers were left behind. A build
 * that waits to resume after a restart runs; a build that finished, was deleted, or belongs to a deleted job does
 * not. Must be asked on a {@code jenkins.util.Timer} thread, which runs as SYSTEM: with the build's own (or no)
 * authentication another job can look deleted merely because it cannot be seen.
 */
public final class RunningBuilds {

    private RunningBuilds() {
    }

    /**
     * @param self   the build asking; its own job is looked at directly
     * @return true or false; null when it cannot be told (no Jenkins to ask), which callers treat as running
     */
    public static Boolean isRunning(Run<?, ?> self, String jobFullName, int number) {
        Job<?, ?> job;
        if (self.getParent().getFullName().equals(jobFullName)) {
            job = self.getParent();
        } else {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            if (jenkins == null) {
                return null;
            }
            job = jenkins.getItemByFullName(jobFullName, Job.class);
            if (job == null) {
                return false;
            }
        }
        Run<?, ?> build = job.getBuildByNumber(number);
        return build != null && build.isBuilding();
    }
}
