package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run created on the engine, so that all of it (and nothing else) is removed when the run ends, however
 * it ends. Cleanup problems are reported to the log, never thrown over the run's own outcome. Not thread-safe: one
 * run's thread (or its shielded cleanup thread, after it) uses it.
 */
public final class RunResources {

    /** As {@code docker stop}: time for the code in a container to save what it can after SIGTERM. */
    public static final int STOP_GRACE_SECONDS = 10;

    private final DockerClient docker;
    private final LogSink log;
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    public RunResources(DockerClient docker, LogSink log) {
        this.docker = docker;
        this.log = log;
    }

    public void addContainer(String id) {
        containers.add(id);
    }

    public void addVolume(String name) {
        volumes.add(name);
    }

    /** SIGTERM through the container's init, then SIGKILL after the grace period (as {@code docker stop}). */
    public void stop(String containerId, int graceSeconds) {
        try {
            docker.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // Already stopped, or gone: nothing to stop.
        } catch (RuntimeException e) {
            log.info("Could not stop container " + shortId(containerId) + ": " + e.getMessage());
        }
    }

    /** Removes one container now (a helper that has done its job); it is no longer tracked. */
    public void removeContainer(String id) {
        if (removeContainerQuietly(id)) {
            containers.remove(id);
        }
    }

    /**
     * Removes every container (killing it if needed), then every volume.
     *
     * @return how many could not be removed (each is named in the log, with the command that removes it)
     */
    public int removeAll() {
        for (String id : List.copyOf(containers)) {
            if (removeContainerQuietly(id)) {
                containers.remove(id);
            }
        }
        for (String name : List.copyOf(volumes)) {
            try {
                docker.removeVolumeCmd(name).exec();
                volumes.remove(name);
            } catch (NotFoundException e) {
                volumes.remove(name);
            } catch (RuntimeException e) {
                log.info("Could not remove volume " + name + " (remove it with 'docker volume rm " + name + "'): " + e.getMessage());
            }
        }
        return containers.size() + volumes.size();
    }

    private boolean removeContainerQuietly(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            return true;
        } catch (NotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            log.info("Could not remove container " + shortId(id) + " (remove it with 'docker rm -f " + shortId(id) + "'): "
                    + e.getMessage());
            return false;
        }
    }

    /**
     * Asks the engine to remove a container and a volume that do not exist, so that every class removal needs is
     * loaded now: a Jenkins agent whose channel has closed cannot load classes any more, and cleanup must still work
     * then.
     */
    public void prime() {
        String none = "mlops-nonexistent-" + RunIds.next();
        try {
            docker.removeContainerCmd(none).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            // NotFound, as intended; anything else shows again when it matters.
        }
        try {
            docker.removeVolumeCmd(none).exec();
        } catch (RuntimeException e) {
            // As above.
        }
        try {
            docker.stopContainerCmd(none).withTimeout(0).exec();
        } catch (RuntimeException e) {
            // As above.
        }
    }

    public static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
