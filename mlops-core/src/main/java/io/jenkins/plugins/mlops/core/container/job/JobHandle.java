package io.jenkins.plugins.mlops.core.container.job;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job's container can be found again by, once it exists on the Docker host: its id and name, the run id and
 * every label it carries (the step call's included), and the volumes mounted into it. A caller that must survive a
 * restart persists this; a cleanup sweep selects by {@link #labels()}.
 */
public record JobHandle(String runId, String containerId, String containerName, Map<String, String> labels,
                        List<String> volumes) implements Serializable {

    public JobHandle {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        volumes = List.copyOf(volumes);
    }
}
