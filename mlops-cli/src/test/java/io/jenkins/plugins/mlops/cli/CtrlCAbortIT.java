package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C on {@code mlops train} as a user presses it: the packaged jar in its own process, a container that would
 * sleep for an hour, a real SIGINT (and SIGTERM, as a CI runner's cancel sends). The container must be gone, the
 * process must end right after with the signal's exit code, and the last line must say what happened.
 */
class CtrlCAbortIT {

    /** "Within about a second after the container is removed", with room for a loaded CI machine. */
    private static final long EXIT_AFTER_REMOVAL_MILLIS = 2_500;

    private static DockerClient docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws Exception {
        docker = DockerClients.connect(System.getenv());
    }

    @AfterAll
    static void close() throws Exception {
        docker.close();
    }

    @ParameterizedTest(name = "SIG{0} -> exit {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void signalStopsAndRemovesTheContainerAndEndsTheProcessAtOnce(String signal, int exitCode) throws Exception {
        String name = "ctrlc-" + UUID.randomUUID().toString().substring(0, 8);
        CliProcess cli = CliProcess.start(dir, null, "train", "--image", "mlops-base:bookworm",
                "--command", "sleep 3600", "--name", name, "--output", dir.resolve("out").toString());
        awaitRunning(name, cli);

        long signalled = System.nanoTime();
        cli.signal(signal);
        long removed = -1;
        while (cli.process.isAlive() && millisSince(signalled) < 60_000) {
            if (removed < 0 && containers(name).isEmpty()) {
                removed = System.nanoTime();
            }
            Thread.sleep(20);
        }
        int code = cli.waitFor(5);
        long ended = System.nanoTime();
        if (removed < 0) {
            removed = ended;
        }
        long exitAfterRemoval = (ended - removed) / 1_000_000;
        System.out.printf("SIG%s: container removed +%d ms, process ended +%d ms (%d ms after removal)%n", signal,
                (removed - signalled) / 1_000_000, (ended - signalled) / 1_000_000, exitAfterRemoval);

        assertThat(containers(name)).as("containers of run " + name + " after SIG" + signal).isEmpty();
        assertThat(code).as(cli.toString()).isEqualTo(exitCode);
        assertThat(exitAfterRemoval).as("ms from the container's removal to the process's end\n" + cli)
                .isLessThan(EXIT_AFTER_REMOVAL_MILLIS);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines.get(lines.size() - 1)).as(cli.toString())
                .matches("\\[mlops\\] Training run \\S+ was aborted; its container was stopped and removed");
        assertThat(cli.err()).as("the message is printed once").containsOnlyOnce("was aborted");
        assertThat(dir.resolve("out")).as("an aborted run copies nothing out").doesNotExist();
    }

    private static void awaitRunning(String name, CliProcess cli) throws Exception {
        long t0 = System.nanoTime();
        while (millisSince(t0) < 60_000) {
            if (!cli.process.isAlive()) {
                throw new AssertionError("mlops ended before its container ran\n" + cli);
            }
            if (containers(name).stream().anyMatch(c -> "running".equals(c.getState()))) {
                return;
            }
            Thread.sleep(50);
        }
        cli.process.destroyForcibly();
        throw new AssertionError("the container of run " + name + " never ran\n" + cli);
    }

    private static List<Container> containers(String name) {
        return docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("mlops-" + name + "-")).exec();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
