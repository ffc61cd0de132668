package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.inspecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the engine stored for the training container, inspected after create and before start. */
class ContainerSettingsIT {

    @TempDir
    Path tempDir;

    @Test
    void resourceLimitsNameLabelsInitAndNetworkReachTheEngine() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        TrainingResult r = inspecting(seen).train(s.spec()
                .name("limits")
                .cpus(1.5)
                .memoryBytes(256L << 20)
                .shmSizeBytes(128L << 20)
                .label("team", "vision")
                .command(List.of("sh", "-c", "echo pid1=$(cat /proc/1/comm); df -k /dev/shm | tail -1"))
                .build(), s.log);

        InspectContainerResponse c = seen.get();
        HostConfig host = c.getHostConfig();
        assertThat(c.getName()).isEqualTo("/mlops-limits-" + r.runId());
        assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
        assertThat(host.getMemory()).isEqualTo(256L << 20);
        assertThat(host.getMemorySwap()).as("no swap beyond the memory limit").isEqualTo(256L << 20);
        assertThat(host.getShmSize()).isEqualTo(128L << 20);
        assertThat(host.getInit()).isTrue();
        assertThat(host.getNetworkMode()).isEqualTo("none");
        assertThat(host.getDeviceRequests()).isNullOrEmpty();
        assertThat(c.getConfig().getLabels())
                .containsEntry(ContainerLabels.MANAGED, "true")
                .containsEntry(ContainerLabels.RUN_ID, r.runId())
                .containsEntry("team", "vision");
        assertThat(s.log.texts(LogSink.Stream.STDOUT).get(0)).as("an init process is PID 1").isNotEqualTo("pid1=sh");
        assertThat(s.log.texts(LogSink.Stream.STDOUT).get(1)).contains(" 131072 ");
        s.assertNothingLeft();
    }

    @Test
    void hostNetworkIsPassedThrough() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        inspecting(seen).train(s.spec().network("host").command(List.of("true")).build(), s.log);
        assertThat(seen.get().getHostConfig().getNetworkMode()).isEqualTo("host");
        s.assertNothingLeft();
    }

    /** There is no GPU here: the request the engine stored is checked, then start fails as it must without one. */
    @ParameterizedTest
    @CsvSource(delimiterString = "::", value = {
        "all :: -1 :: ",
        "2 :: 2 :: ",
        "0,1 :: :: 0;1",
        "GPU-3a6f7c2e-1111-2222 :: :: GPU-3a6f7c2e-1111-2222",
    })
    void gpuRequestsReachTheEngine(String gpus, Integer count, String ids) throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        ContainerException e = catchThrowableOfType(ContainerException.class,
                () -> inspecting(seen).train(s.spec().gpus(gpus).command(List.of("true")).build(), s.log));

        List<DeviceRequest> requests = seen.get().getHostConfig().getDeviceRequests();
        assertThat(requests).hasSize(1);
        DeviceRequest r = requests.get(0);
        assertThat(r.getCapabilities()).isEqualTo(List.of(List.of("gpu")));
        if (count != null) {
            assertThat(r.getCount()).isEqualTo(count);
            assertThat(r.getDeviceIds()).isNullOrEmpty();
        } else {
            assertThat(r.getDeviceIds()).containsExactly(ids.split(";"));
        }
        assertThat(e).as("this host has no GPU runtime").isNotNull();
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.ENGINE_ERROR);
        assertThat(e.getMessage()).contains("GPUs requested: " + gpus);
        s.assertNothingLeft();
    }
}
