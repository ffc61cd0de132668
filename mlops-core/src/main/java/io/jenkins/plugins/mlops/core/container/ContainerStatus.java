package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine says about one container now: whether it runs, how it ended, how often its restart policy has
 * restarted it, and its labels. A long-lived workload (a model server) is watched with this while it is checked,
 * so that a server that crashed fails its checks at once instead of at the end of a health timeout.
 *
 * @param restartCount restarts by the restart policy so far
 * @param exitCode     the last exit code (0 while it has never exited)
 */
public record ContainerStatus(String id, String name, boolean running, boolean restarting, int exitCode,
                              boolean oomKilled, int restartCount, String error, Map<String, String> labels) {

    /** The container by id or name, or empty when it does not exist. */
    public static Optional<ContainerStatus> inspect(DockerClient docker, String idOrName) {
        InspectContainerResponse r;
        try {
            r = docker.inspectContainerCmd(idOrName).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState s = r.getState();
        String name = r.getName() == null ? idOrName : r.getName().replaceFirst("^/", "");
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
                : Map.copyOf(r.getConfig().getLabels());
        Integer restarts = r.getRestartCount();
        return Optional.of(new ContainerStatus(r.getId(), name,
                s != null && Boolean.TRUE.equals(s.getRunning()),
                s != null && Boolean.TRUE.equals(s.getRestarting()),
                s == null || s.getExitCodeLong() == null ? 0 : s.getExitCodeLong().intValue(),
                s != null && Boolean.TRUE.equals(s.getOOMKilled()),
                restarts == null ? 0 : restarts,
                s == null || s.getError() == null || s.getError().isBlank() ? null : s.getError(),
                labels));
    }

    /** Why the container {@code idOrName} is not running ({@link #whyNotRunning}), or {@code "was removed"}. */
    public static String whyNotRunning(DockerClient docker, String idOrName) {
        Optional<ContainerStatus> s = inspect(docker, idOrName);
        return s.isEmpty() ? "was removed" : s.get().whyNotRunning();
    }

    /**
     * Why the container is not (or not steadily) running: {@code "exited with code 1"}, {@code "was killed for
     * exceeding its memory limit"}, {@code "exited with code 2 and is being restarted"}; null while it runs.
     */
    public String whyNotRunning() {
        if (running && !restarting) {
            return null;
        }
        String how = oomKilled ? "was killed for exceeding its memory limit"
                : "exited with code " + exitCode + (error == null ? "" : " (" + error + ")");
        return restarting ? how + " and is being restarted" : how;
    }
}
