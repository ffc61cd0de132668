package io.jenkins.plugins.mlops.steps;

import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import jenkins.model.Jenkins;

/**
 * What a step can tell about other builds of its controller from its own build, without a global lookup: whether a
 * build still runs (for deciding which labelled containers were left behind), and whether Jenkins is shutting down.
 * Both walk from the build's job up its folders to the top-level item group, which in Jenkins is Jenkins itself.
 * Ask on a {@code jenkins.util.Timer} thread, which runs as SYSTEM: with the build's own (or no) authentication
 * another job could look deleted merely because it cannot be seen.
 */
public final class RunningBuilds {

    private RunningBuilds() {
    }

    /**
     * A build that waits to resume after a restart runs; a build that finished, was deleted, or belongs to a
     * deleted job does not.
     *
     * @param self the build asking; its own job is looked at directly
     */
    public static boolean isRunning(Run<?, ?> self, String jobFullName, int number) {
        Job<?, ?> job = self.getParent().getFullName().equals(jobFullName) ? self.getParent() : find(self, jobFullName);
        if (job == null) {
            return false;
        }
        Run<?, ?> build = job.getBuildByNumber(number);
        return build != null && build.isBuilding();
    }

    /** Whether the Jenkins that runs {@code self} has begun to stop (it has saved every running Pipeline then). */
    public static boolean isShuttingDown(Run<?, ?> self) {
        return top(self) instanceof Jenkins jenkins && jenkins.isTerminating();
    }

    private static Job<?, ?> find(Run<?, ?> self, String fullName) {
        Object item = top(self);
        for (String name : fullName.split("/")) {
            if (!(item instanceof ItemGroup<?> group)) {
                return null;
            }
            item = group.getItem(name);
        }
        return item instanceof Job<?, ?> job ? job : null;
    }

    private static ItemGroup<?> top(Run<?, ?> self) {
        ItemGroup<?> group = self.getParent().getParent();
        while (group instanceof Item item) {
            group = item.getParent();
        }
        return group;
    }
}
