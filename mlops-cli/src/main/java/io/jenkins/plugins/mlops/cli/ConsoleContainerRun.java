package io.jenkins.plugins.mlops.cli;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Runs a container job (training, evaluation) from the command line: connects to the Docker Engine the
 * environment names, shows the container's output on the console as it comes, and on Ctrl-C interrupts the job so
 * that the engine stops and removes the container before the JVM exits.
 */
final class ConsoleContainerRun {

    /** How long the JVM's exit waits for the engine to clean up after Ctrl-C (it needs up to its stop grace). */
    private static final long CLEANUP_WAIT_MILLIS = 20_000;

    /** What to do on the engine. */
    interface Job<T> {
        T run(DockerClient docker, LogSink log) throws ContainerException, InterruptedException;
    }

    private ConsoleContainerRun() {
    }

    /**
     * @param containerOut where the container's stdout goes (stderr when stdout carries JSON)
     * @param messages     where the container's stderr and the engine's own messages go
     */
    static <T> T run(String name, PrintWriter containerOut, PrintWriter messages, Job<T> job)
            throws ContainerException, InterruptedException {
        Thread worker = Thread.currentThread();
        Thread onExit = new Thread(() -> {
            worker.interrupt();
            try {
                worker.join(CLEANUP_WAIT_MILLIS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "mlops-" + name + "-abort");
        Runtime.getRuntime().addShutdownHook(onExit);
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            return job.run(docker, new ConsoleLogSink(containerOut, messages));
        } catch (IOException closing) {
            throw new ContainerException(ContainerFailure.ENGINE_ERROR,
                    "closing the Docker client failed: " + closing.getMessage(), closing);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and waits for this thread: nothing to undo.
            }
        }
    }

    /** Container output goes to the console as it comes; the engine's own messages are marked as such. */
    private record ConsoleLogSink(PrintWriter out, PrintWriter err) implements LogSink {
        @Override
        public void line(Stream stream, String line) {
            PrintWriter w = stream == Stream.STDERR ? err : out;
            w.println(line);
            w.flush();
        }

        @Override
        public void info(String message) {
            err.println("[mlops] " + message);
            err.flush();
        }
    }
}
