package io.jenkins.plugins.mlops.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a container's log back in pieces from a cursor, as a reader that restarted between two reads does: the
 * pieces together are the whole log, each message once, whatever the piece size and however many messages share
 * one second. Real Docker Engine; fails when none answers.
 */
class ContainerLogReaderIT {

    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";

    private final String scenario = UUID.randomUUID().toString();
    private DockerClient docker;

    @BeforeEach
    void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
    }

    @AfterEach
    void removeWhatIsLeft() throws Exception {
        for (var c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(ContainerLabels.filter(TEST_LABEL, scenario))).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        docker.close();
    }

    @Test
    void piecesReadFromACursorAddUpToTheWholeLogOnce() throws Exception {
        // 300 messages within a second or two, stdout and stderr interleaved, then a pause and a few more.
        String id = run("i=1; while [ $i -le 300 ]; do if [ $((i % 4)) -eq 0 ]; then echo e$i >&2; else echo o$i; fi;"
                + " i=$((i+1)); done; sleep 1.2; echo late1; echo late2 >&2");
        awaitExit(id);

        for (int piece : new int[] {1, 7, 1000}) {
            List<String> read = new ArrayList<>();
            LogCursor cursor = LogCursor.START;
            LogChunk chunk;
            int reads = 0;
            do {
                chunk = ContainerLogReader.read(docker, id, cursor, piece);
                read.addAll(chunk.lines());
                // The cursor is all a restarted reader has: copy it through its plain fields.
                LogCursor n = chunk.next();
                cursor = new LogCursor(n.since(LogSink.Stream.STDOUT), n.seen(LogSink.Stream.STDOUT),
                        n.since(LogSink.Stream.STDERR), n.seen(LogSink.Stream.STDERR));
                reads++;
            } while (chunk.more() || reads < 2);
            List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 300)
                    .mapToObj(i -> (i % 4 == 0 ? "e" : "o") + i).toList());
            expected.add("late1");
            expected.add("late2");
            assertThat(read).as("read in pieces of " + piece).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(read.stream().filter(l -> l.startsWith("o")).toList()).as("stdout keeps its order")
                    .isEqualTo(expected.stream().filter(l -> l.startsWith("o")).toList());
            assertThat(read.stream().filter(l -> l.startsWith("e")).toList()).as("stderr keeps its order")
                    .isEqualTo(expected.stream().filter(l -> l.startsWith("e")).toList());
            assertThat(ContainerLogReader.read(docker, id, cursor, piece).lines()).as("nothing after the end").isEmpty();
        }
    }

    @Test
    void aRemovedContainerIsGone() throws Exception {
        String id = run("echo hi");
        awaitExit(id);
        docker.removeContainerCmd(id).withForce(true).exec();

        assertThat(ContainerRunState.inspect(docker, id).phase()).isEqualTo(ContainerRunState.Phase.GONE);
        assertThatThrownBy(() -> ContainerLogReader.read(docker, id, LogCursor.START, 10))
                .isInstanceOf(ContainerException.class)
                .extracting(e -> ((ContainerException) e).getFailure()).isEqualTo(ContainerFailure.CONTAINER_GONE);
    }

    @Test
    void theStatusSaysHowTheContainerEnded() throws Exception {
        String id = run("sleep 0.3; exit 3");
        assertThat(ContainerRunState.inspect(docker, id).phase()).isIn(ContainerRunState.Phase.RUNNING,
                ContainerRunState.Phase.EXITED);
        awaitExit(id);

        ContainerRunState status = ContainerRunState.inspect(docker, id);
        assertThat(status.phase()).isEqualTo(ContainerRunState.Phase.EXITED);
        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.runMillis()).isBetween(250L, 30_000L);
        assertThat(status.startedAtMillis()).isPositive();
    }

    private String run(String script) {
        String id = docker.createContainerCmd("mlops-base:bookworm").withCmd("/bin/sh", "-c", script)
                .withLabels(Map.of(TEST_LABEL, scenario))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withInit(true))
                .exec().getId();
        assertThat(ContainerRunState.inspect(docker, id).phase()).isEqualTo(ContainerRunState.Phase.CREATED);
        docker.startContainerCmd(id).exec();
        return id;
    }

    private void awaitExit(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ContainerRunState.inspect(docker, id).phase() != ContainerRunState.Phase.EXITED) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
