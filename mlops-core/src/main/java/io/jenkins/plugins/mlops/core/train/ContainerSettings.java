package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import java.util.Arrays;
import java.util.List;

/** How a {@link TrainingSpec}'s resource arguments become the training container's HostConfig. */
final class ContainerSettings {

    private ContainerSettings() {
    }

    static String containerName(TrainingSpec spec, String runId) {
        return "mlops-" + (spec.getName() != null ? spec.getName() + "-" : "") + runId;
    }

    static HostConfig hostConfig(TrainingSpec spec, List<Mount> mounts) {
        HostConfig host = HostConfig.newHostConfig()
                // An init as PID 1 forwards SIGTERM; python as PID 1 would ignore it and every stop would wait
                // for the kill.
                .withInit(true)
                .withNetworkMode(spec.getNetwork());
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (spec.getCpus() != null) {
            host.withNanoCPUs(Math.round(spec.getCpus() * 1_000_000_000d));
        }
        if (spec.getMemoryBytes() != null) {
            // Swap equal to memory means no swap: a model that does not fit fails fast instead of thrashing.
            host.withMemory(spec.getMemoryBytes()).withMemorySwap(spec.getMemoryBytes());
        }
        if (spec.getShmSizeBytes() != null) {
            host.withShmSize(spec.getShmSizeBytes());
        }
        if (spec.getGpus() != null) {
            host.withDeviceRequests(List.of(gpuRequest(spec.getGpus())));
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

    static Mount volume(String name, String target, boolean readOnly) {
        return new Mount()
                .withType(MountType.VOLUME)
                .withSource(name)
                .withTarget(target)
                .withReadOnly(readOnly)
                // The image's own files at that path must not seep into the inputs.
                .withVolumeOptions(new VolumeOptions().withNoCopy(true));
    }
}
