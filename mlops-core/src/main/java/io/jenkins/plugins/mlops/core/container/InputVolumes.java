package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named volumes filled with host files through the Engine API, so that a remote engine ({@code DOCKER_HOST}) gets
 * inputs of any size without bind mounts or a shared file system. The workload's container then mounts them,
 * read-only. Every volume and helper container is tracked in the run's {@link RunResources}.
 */
public final class InputVolumes {

    /** One volume's contents: where the workload sees it, and the tar stream that fills it. */
    public record Content(String volume, String target, TarUpload.TarWriter<String> tar) {
    }

    private final DockerClient docker;
    private final RunResources resources;
    private final String runId;
    private final Map<String, String> labels;

    /** @param labels put on every volume and helper container (the run's labels) */
    public InputVolumes(DockerClient docker, RunResources resources, String runId, Map<String, String> labels) {
        this.docker = docker;
        this.resources = resources;
        this.runId = runId;
        this.labels = Map.copyOf(labels);
    }

    /** Creates the empty volume {@code mlops-<purpose>-<runId>} and tracks it; returns its name. */
    public String create(String purpose) {
        String name = "mlops-" + purpose + "-" + runId;
        docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        resources.addVolume(name);
        return name;
    }

    /**
     * Fills the volumes. Volumes cannot be written through the Engine API directly; a container that mounts them
     * (created from {@code imageId}, never started) can, through the archive endpoint. The helper is removed once
     * it has done its job.
     *
     * @return what each tar writer returned (a digest), by target path
     * @throws IOException when a host file cannot be read or the engine refuses the stream
     */
    public Map<String, String> fill(String imageId, List<Content> contents) throws IOException, InterruptedException {
        List<Mount> writable = new ArrayList<>();
        for (Content c : contents) {
            writable.add(ResourceLimits.volume(c.volume(), c.target(), false));
        }
        String helper = docker.createContainerCmd(imageId)
                .withName("mlops-inputs-" + runId)
                .withLabels(labels)
                // Never run; a command is set only because images without CMD cannot be created otherwise.
                .withEntrypoint("/mlops-never-started")
                .withCmd(List.of())
                .withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withMounts(writable))
                .exec().getId();
        resources.addContainer(helper);
        Map<String, String> results = new LinkedHashMap<>();
        for (Content c : contents) {
            results.put(c.target(), TarUpload.upload(docker, helper, c.target(), c.tar()));
        }
        resources.removeContainer(helper);
        return results;
    }
}
