package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock on the Docker host: one holder at a time, a waiter told who holds it and released when it is freed, a
 * bounded wait that names the holder, a dead holder's expired lease taken over; and exec and status on a running
 * container, which a long-lived workload is administered with.
 */
class ContainerLockIT {

    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";
    private static final String IMAGE = "mlops-base:bookworm";

    private final String scenario = UUID.randomUUID().toString();
    private final String name = "mlops-test-lock-" + scenario.substring(0, 8);
    private DockerClient docker;
    private String imageId;

    @BeforeEach
    void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
        imageId = docker.inspectImageCmd(IMAGE).exec().getId();
    }

    @AfterEach
    void removeWhatIsLeft() {
        ContainerSweep.remove(docker, TEST_LABEL, scenario, LogSink.DISCARD);
    }

    private ContainerLock acquire(String holder, Duration lease, Duration wait, List<String> told) throws Exception {
        return ContainerLock.acquire(docker, name, imageId, holder, lease, wait, Map.of(TEST_LABEL, scenario),
                h -> told.add(h.holder()));
    }

    @Test
    void oneHolderAtATimeAWaiterIsToldWhoAndABoundedWaitNamesTheHolder() throws Exception {
        List<String> told = new ArrayList<>();
        ContainerLock first = acquire("build A", Duration.ofMinutes(5), Duration.ofSeconds(1), told);
        assertThat(ContainerLock.holder(docker, name)).hasValueSatisfying(h -> {
            assertThat(h.holder()).isEqualTo("build A");
            assertThat(h.until()).isAfter(Instant.now().plusSeconds(200));
        });

        assertThatThrownBy(() -> acquire("build B", Duration.ofMinutes(5), Duration.ofMillis(300), told))
                .isInstanceOf(ContainerException.class)
                .hasMessageContaining("'" + name + "' is held by build A since");
        assertThat(told).containsExactly("build A");

        CompletableFuture<ContainerLock> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return acquire("build C", Duration.ofMinutes(5), Duration.ofSeconds(20), new ArrayList<>());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(waiting).isNotDone();
        first.close();
        try (ContainerLock third = waiting.get(10, TimeUnit.SECONDS)) {
            assertThat(ContainerLock.holder(docker, name)).hasValueSatisfying(h -> assertThat(h.holder()).isEqualTo("build C"));
        }
        assertThat(ContainerLock.holder(docker, name)).isEmpty();
    }

    @Test
    void aDeadHoldersExpiredLeaseIsTakenOver() throws Exception {
        List<String> told = new ArrayList<>();
        acquire("a build that died", Duration.ofMillis(1), Duration.ofSeconds(1), told); // never closed
        Thread.sleep(50);
        try (ContainerLock taken = acquire("build B", Duration.ofMinutes(5), Duration.ofSeconds(5), told)) {
            assertThat(ContainerLock.holder(docker, name)).hasValueSatisfying(h -> assertThat(h.holder()).isEqualTo("build B"));
        }
        assertThat(told).isEmpty();
    }

    @Test
    void execRunsInARunningContainerAndStatusSaysHowItEnded() throws Exception {
        String id = docker.createContainerCmd(IMAGE).withLabels(Map.of(TEST_LABEL, scenario, ContainerLabels.MANAGED,
                ContainerLabels.MANAGED_VALUE)).withCmd("sleep", "30").exec().getId();
        docker.startContainerCmd(id).exec();
        ContainerExec.Result r = ContainerExec.run(docker, id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(ContainerStatus.whyNotRunning(docker, id)).isNull();
        assertThat(LabelledContainers.find(docker, Map.of(TEST_LABEL, scenario))).extracting(LabelledContainers::name)
                .hasSize(1);

        docker.killContainerCmd(id).exec();
        assertThat(ContainerStatus.whyNotRunning(docker, id)).isEqualTo("exited with code 137");
        assertThatThrownBy(() -> ContainerExec.run(docker, id, List.of("true"), Duration.ofSeconds(5)))
                .isInstanceOf(ContainerException.class);
        assertThat(ContainerStatus.whyNotRunning(docker, "mlops-no-such-container-" + scenario)).isEqualTo("was removed");
        assertThat(ContainerLogs.recent(docker, id, 5)).isEqualTo("; it wrote no output");
    }
}
