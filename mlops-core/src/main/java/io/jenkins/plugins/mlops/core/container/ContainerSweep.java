package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import java.util.List;

/**
 * Removes what earlier runs left on a Docker host, found by label: the containers and volumes of a step call whose
 * run could not clean up after itself (a controller restart, a lost agent, a killed JVM). Only objects that carry
 * {@link ContainerLabels#MANAGED} and the given label are touched, so a host shared with other users is safe.
 */
public final class ContainerSweep {

    /** How many objects one sweep removed, and how many it could not (the log says why). */
    public record Swept(int removed, int failed) {
    }

    private ContainerSweep() {
    }

    /**
     * Kills and removes every managed container carrying {@code key=value}, then every such volume.
     *
     * @param log receives one line per object that could not be removed; never throws for those
     */
    public static Swept remove(DockerClient docker, String key, String value, LogSink log) {
        List<String> filter = List.of(ContainerLabels.filter(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE),
                ContainerLabels.filter(key, value));
        RunResources resources = new RunResources(docker, log);
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec();
        for (Container c : containers) {
            resources.addContainer(c.getId());
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", filter).exec().getVolumes();
        if (volumes != null) {
            for (InspectVolumeResponse v : volumes) {
                resources.addVolume(v.getName());
            }
        }
        int found = containers.size() + (volumes == null ? 0 : volumes.size());
        int left = resources.removeAll();
        return new Swept(found - left, left);
    }
}
