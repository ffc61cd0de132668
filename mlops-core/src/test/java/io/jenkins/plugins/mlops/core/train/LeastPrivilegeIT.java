package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.inspecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training containers run code from any commit on the agent's Docker host: no capability, no new privileges, a
 * pids limit — as the engine stored them, and as the kernel enforces them on root in the container (the base
 * image, like the example's, runs as root).
 */
class LeastPrivilegeIT {

    @TempDir
    Path tempDir;

    @Test
    void byDefaultEveryCapabilityIsDroppedNoNewPrivilegesAndPidsAreLimited() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        inspecting(seen).train(s.spec().command(List.of("sh", "-c",
                "id -u; grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs):' /proc/self/status")).build(), s.log);

        HostConfig host = seen.get().getHostConfig();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
        assertThat(host.getPidsLimit()).isEqualTo(ResourceLimits.DEFAULT_PIDS_LIMIT);
        List<String> out = s.log.texts(LogSink.Stream.STDOUT);
        assertThat(out.get(0)).as("the image runs as root").isEqualTo("0");
        assertThat(out).contains("CapPrm:\t0000000000000000", "CapEff:\t0000000000000000",
                "CapBnd:\t0000000000000000", "NoNewPrivs:\t1");
        s.assertNothingLeft();
    }

    /** Changing a file's owner needs CAP_CHOWN, which Docker's default set gives root and ours does not. */
    @Test
    void rootInTheContainerCannotChangeAFilesOwnerUnlessCapAddGivesItBack() throws Exception {
        List<String> chown = List.of("sh", "-c", "echo w > /mlops/output/model/w && chown 1234:1234 /mlops/output/model/w"
                + " && stat -c owner=%u /mlops/output/model/w");

        DockerTestEngine.Scenario refused = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = catchThrowableOfType(ContainerException.class,
                () -> new DockerTrainer(docker()).train(refused.spec().command(chown).build(), refused.log));
        assertThat(e).isNotNull();
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.NON_ZERO_EXIT);
        assertThat(e.getMessage()).contains("chown: changing ownership of '/mlops/output/model/w': Operation not permitted")
                .endsWith("\nThe container runs with no Linux capabilities and no-new-privileges"
                        + " (docs/container-contract.md); if the image needs one, give it back with capAdd (--cap-add),"
                        + " e.g. CHOWN");
        refused.assertNothingLeft();

        DockerTestEngine.Scenario allowed = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        inspecting(seen).train(allowed.spec().capAdd(List.of("chown")).command(chown).build(), allowed.log);
        assertThat(seen.get().getHostConfig().getCapAdd()).containsExactly(Capability.CHOWN);
        assertThat(seen.get().getHostConfig().getCapDrop()).containsExactly(Capability.ALL);
        assertThat(allowed.log.texts(LogSink.Stream.STDOUT)).contains("owner=1234");
        allowed.assertNothingLeft();
    }

    /** A fork bomb in a commit stops at the limit instead of exhausting the agent's process table. */
    @Test
    void thePidsLimitStopsAForkBomb() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        AtomicReference<InspectContainerResponse> seen = new AtomicReference<>();
        ContainerException e = catchThrowableOfType(ContainerException.class, () -> inspecting(seen).train(s.spec()
                .pidsLimit(16L)
                .command(List.of("sh", "-c", "i=0; while [ $i -lt 64 ]; do sleep 30 & i=$((i+1)); done; echo all 64 started"))
                .timeout(java.time.Duration.ofSeconds(60))
                .build(), s.log));

        assertThat(seen.get().getHostConfig().getPidsLimit()).isEqualTo(16L);
        assertThat(e).as(String.valueOf(s.log.texts(LogSink.Stream.STDOUT))).isNotNull();
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.NON_ZERO_EXIT);
        assertThat(s.log.texts(LogSink.Stream.STDOUT)).doesNotContain("all 64 started");
        assertThat(e.getMessage()).contains("Cannot fork").endsWith("\nAt most 16 processes and threads may run at once"
                + " in the container; raise pidsLimit (--pids-limit) if it needs more");
        s.assertNothingLeft();
    }
}
