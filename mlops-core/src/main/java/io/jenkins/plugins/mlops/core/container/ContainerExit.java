package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.core.command.WaitContainerResultCallback;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for a started container to exit. The wait is a long-lived request to the engine (a training is silent for
 * hours); close it to release its connection.
 */
public final class ContainerExit implements Closeable {

    /** How a container ended: its exit code, whether the kernel killed it for memory, and how long it ran. */
    public record Exit(int code, boolean oomKilled, Duration duration) {
    }

    private final DockerClient docker;
    private final String containerId;
    private final WaitContainerResultCallback wait;
    private final long startNanos;

    private ContainerExit(DockerClient docker, String containerId, long startNanos) {
        this.docker = docker;
        this.containerId = containerId;
        this.startNanos = startNanos;
        this.wait = docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback());
    }

    /**
     * Starts waiting for the container; call right after starting it.
     *
     * @param startNanos {@link System#nanoTime()} when the container was started, for {@link Exit#duration()}
     */
    public static ContainerExit watch(DockerClient docker, String containerId, long startNanos) {
        return new ContainerExit(docker, containerId, startNanos);
    }

    /**
     * Waits until the container exits or {@code deadline} passes (an absolute time, so that a wait resumed after a
     * restart keeps the original limit).
     *
     * @param deadline null to wait as long as it takes
     * @return the exit, or null when the deadline passed first (the container still runs)
     */
    public Exit await(Instant deadline) throws InterruptedException {
        if (deadline == null) {
            wait.awaitCompletion();
        } else {
            long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!wait.awaitCompletion(millis, TimeUnit.MILLISECONDS)) {
                return null;
            }
        }
        int code = wait.awaitStatusCode();
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        return new Exit(code, code != 0 && oomKilled(), duration);
    }

    private boolean oomKilled() {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
        return state != null && Boolean.TRUE.equals(state.getOOMKilled());
    }

    @Override
    public void close() {
        try {
            wait.close();
        } catch (java.io.IOException | RuntimeException e) {
            // Only releases a connection.
        }
    }
}
