package io.jenkins.plugins.mlops.core.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels put on every container, volume and image the engine creates, so that its own objects can be found
 * (and only its own objects removed) on a Docker host shared with other users.
 */
public final class ContainerLabels {

    /** Present, with value {@link #MANAGED_VALUE}, on everything the engine creates. */
    public static final String MANAGED = "io.jenkins.plugins.mlops.managed";
    public static final String MANAGED_VALUE = "true";
    /** The run id of the run that created the object. */
    public static final String RUN_ID = "io.jenkins.plugins.mlops.run-id";

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
