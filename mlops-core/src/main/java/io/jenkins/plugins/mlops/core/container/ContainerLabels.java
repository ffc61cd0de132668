package io.jenkins.plugins.mlops.core.container;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels put on every container, volume and image the plugin creates, so that its own objects can be found again
 * (after a restart, by a cleanup sweep) and only its own objects removed on a Docker host shared with other users.
 * The keys are written onto Docker hosts and read back by later versions: they never change.
 */
public final class ContainerLabels {

    /** Present, with value {@link #MANAGED_VALUE}, on everything the engine creates. */
    public static final String MANAGED = "io.jenkins.plugins.mlops.managed";
    public static final String MANAGED_VALUE = "true";
    /** The run id of the run that created the object. */
    public static final String RUN_ID = "io.jenkins.plugins.mlops.run-id";
    /**
     * The Pipeline step call (or CLI invocation) a container belongs to: one value per call, so that the call's
     * containers can be told apart from any other's, swept when the call ends, and found again after a restart.
     */
    public static final String STEP_CALL = "io.jenkins.plugins.mlops.step-call";
    /**
     * The Jenkins controller that started the step call: a random id kept in its home directory. A sweep only ever
     * looks at containers of its own controller, so controllers sharing a Docker host never remove each other's.
     */
    public static final String CONTROLLER = "io.jenkins.plugins.mlops.controller";
    /** The full name of the job whose build made the step call ({@code team/movies/main}). */
    public static final String JOB = "io.jenkins.plugins.mlops.job";
    /** The number of that build. With {@link #JOB} it tells whether the build still runs. */
    public static final String BUILD = "io.jenkins.plugins.mlops.build";

    private ContainerLabels() {
    }

    /** The labels of one run: the caller's own labels, then {@link #MANAGED} and {@link #RUN_ID} (which win). */
    public static Map<String, String> forRun(String runId, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (extra != null) {
            labels.putAll(extra);
        }
        labels.put(MANAGED, MANAGED_VALUE);
        labels.put(RUN_ID, runId);
        return labels;
    }

    /** A label filter value ({@code key=value}) as the Engine API's {@code label} filter takes it. */
    public static String filter(String key, String value) {
        return key + "=" + value;
    }
}
