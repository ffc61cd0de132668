package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What a workload may use of the Docker host, as the steps' {@code cpus}, {@code memory}, {@code shmSize},
 * {@code gpus}, {@code network} and {@code pidsLimit} arguments give it (already checked), and how that becomes a
 * container's HostConfig. Every field but the network and the pids limit may be null: no limit, no GPU. What the
 * container may do beyond that (capabilities) is {@link ContainerPrivileges}.
 *
 * @param network   Docker network mode: {@code none}, {@code host} or a network name
 * @param pidsLimit the most processes and threads the container may have at once; never unlimited, so that a fork
 *                  bomb in a commit cannot exhaust the host ({@link #DEFAULT_PIDS_LIMIT} unless given)
 */
public record ResourceLimits(Double cpus, Long memoryBytes, Long shmSizeBytes, String gpus, String network,
        long pidsLimit) implements Serializable {

    /**
     * Generous for training — data-loader worker processes with a thread per core each fit on large hosts — and
     * far below what a fork bomb reaches; Docker's own default is no limit.
     */
    public static final long DEFAULT_PIDS_LIMIT = 4096;

    /** With the default pids limit. */
    public ResourceLimits(Double cpus, Long memoryBytes, Long shmSizeBytes, String gpus, String network) {
        this(cpus, memoryBytes, shmSizeBytes, gpus, network, DEFAULT_PIDS_LIMIT);
    }

    /** The pids limit a user gave, or {@link #DEFAULT_PIDS_LIMIT}. */
    public static long pidsLimitOrDefault(Long given) {
        return given != null ? given : DEFAULT_PIDS_LIMIT;
    }

    /** No limits but the default pids limit, no GPU, no network. */
    public static ResourceLimits none() {
        return new ResourceLimits(null, null, null, null, "none");
    }

    /**
     * The HostConfig of a container with these limits, an init process as PID 1 and {@code mounts} (may be empty).
     * Callers add what their workload needs beyond that (port bindings, a restart policy) and its privileges
     * ({@link ContainerPrivileges#applyTo}).
     */
    public HostConfig hostConfig(List<Mount> mounts) {
        HostConfig host = HostConfig.newHostConfig()
                // An init as PID 1 forwards SIGTERM; python as PID 1 would ignore it and every stop would wait
                // for the kill.
                .withInit(true)
                .withNetworkMode(network)
                .withPidsLimit(pidsLimit);
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (cpus != null) {
            host.withNanoCPUs(Math.round(cpus * 1_000_000_000d));
        }
        if (memoryBytes != null) {
            // Swap equal to memory means no swap: a model that does not fit fails fast instead of thrashing.
            host.withMemory(memoryBytes).withMemorySwap(memoryBytes);
        }
        if (shmSizeBytes != null) {
            host.withShmSize(shmSizeBytes);
        }
        if (gpus != null) {
            host.withDeviceRequests(List.of(gpuRequest(gpus)));
        }
        return host;
    }

    /** As {@code docker run --gpus}: {@code all}, a count, or a comma-separated list of device ids or UUIDs. */
    static DeviceRequest gpuRequest(String gpus) {
        DeviceRequest request = new DeviceRequest()
                .withDriver("")
                .withCapabilities(List.of(List.of("gpu")));
        if (gpus.equals("all")) {
            return request.withCount(-1);
        }
        if (gpus.matches("[1-9][0-9]*")) {
            return request.withCount(Integer.parseInt(gpus));
        }
        return request.withDeviceIds(Arrays.asList(gpus.split(",")));
    }

    /**
     * A named volume mounted at {@code target}. The image's own files at that path must not seep into the inputs,
     * so the volume is never pre-filled from the image.
     */
    public static Mount volume(String name, String target, boolean readOnly) {
        return new Mount()
                .withType(MountType.VOLUME)
                .withSource(name)
                .withTarget(target)
                .withReadOnly(readOnly)
                .withVolumeOptions(new VolumeOptions().withNoCopy(true));
    }
}
