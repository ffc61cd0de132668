package io.jenkins.plugins.mlops.steps;

import hudson.model.Run;
import java.util.UUID;

/**
 * The id of one step call: unique per call (several calls per build, parallel branches), with the build number in
 * front for people. It names the call's workspace directory, its report among the build's artifacts, its record's
 * URL and the label on what it creates on a Docker host.
 */
public final class CallIds {

    private CallIds() {
    }

    /** {@code 42-1a2b3c4d}. */
    public static String next(Run<?, ?> run) {
        return run.getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
