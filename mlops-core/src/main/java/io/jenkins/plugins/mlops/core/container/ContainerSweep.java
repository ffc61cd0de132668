package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import java.util.ArrayList;
import java.util.HashMap;
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
     * The labels of every managed container (running or not) carrying {@code key=value}, one map per container: what a
     * caller needs to decide which of them belong to work that has ended. Plain types, for crossing a channel.
     */
    public static ArrayList<HashMap<String, String>> labelsOf(DockerClient docker, String key, String value) {
        List<String> filter = List.of(ContainerLabels.filter(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE),
                ContainerLabels.filter(key, value));
        ArrayList<HashMap<String, String>> out = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
            out.add(new HashMap<>(c.getLabels() == null ? java.util.Map.of() : c.getLabels()));
        }
        return out;
    }

    /**
     * Stops every running managed container carrying {@code key=value} as {@code docker stop} does (SIGTERM, the
     * grace period, SIGKILL), all at once: an abort gives the code inside its chance to save what it can before
     * {@link #remove} kills what is left.
     */
    public static void stop(DockerClient docker, String key, String value, LogSink log) {
        List<String> filter = List.of(ContainerLabels.filter(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE),
                ContainerLabels.filter(key, value));
        RunResources resources = new RunResources(docker, log);
        List<Thread> stopping = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withLabelFilter(filter).exec()) {
            Thread t = new Thread(() -> resources.stop(c.getId(), RunResources.STOP_GRACE_SECONDS), "mlops-stop-" + c.getId());
            t.setDaemon(true);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
