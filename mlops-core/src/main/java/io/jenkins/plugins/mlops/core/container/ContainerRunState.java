package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the engine says of a container right now: never started, running, exited (with its code, whether the
 * kernel killed it for memory, and how long it ran by the engine's own clock) or gone. Plain fields: it crosses the
 * channel from agents and is kept with a build.
 */
public final class ContainerRunState implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Phase {
        /** Created, never started. */
        CREATED,
        /** Running (or paused, or being restarted by its restart policy). */
        RUNNING,
        /** Ran and stopped: {@link #exitCode()} is set. */
        EXITED,
        /** No container with that id on the engine (removed by hand, the daemon's state wiped). */
        GONE
    }

    private final Phase phase;
    private final int exitCode;
    private final boolean oomKilled;
    private final long startedAtMillis;
    private final long runMillis;

    private ContainerRunState(Phase phase, int exitCode, boolean oomKilled, long startedAtMillis, long runMillis) {
        this.phase = phase;
        this.exitCode = exitCode;
        this.oomKilled = oomKilled;
        this.startedAtMillis = startedAtMillis;
        this.runMillis = runMillis;
    }

    /** Asks the engine; a missing container is {@link Phase#GONE}, never an exception. */
    public static ContainerRunState inspect(DockerClient docker, String containerId) {
        InspectContainerResponse.ContainerState state;
        try {
            state = docker.inspectContainerCmd(containerId).exec().getState();
        } catch (NotFoundException e) {
            return new ContainerRunState(Phase.GONE, 0, false, 0, 0);
        }
        if (state == null) {
            return new ContainerRunState(Phase.GONE, 0, false, 0, 0);
        }
        long started = epochMillis(state.getStartedAt());
        String status = state.getStatus() == null ? "" : state.getStatus();
        if (status.equals("created") || (started <= 0 && !Boolean.TRUE.equals(state.getRunning()))) {
            return new ContainerRunState(Phase.CREATED, 0, false, 0, 0);
        }
        if (Boolean.TRUE.equals(state.getRunning()) || status.equals("restarting") || status.equals("paused")) {
            return new ContainerRunState(Phase.RUNNING, 0, false, started, 0);
        }
        long finished = epochMillis(state.getFinishedAt());
        Long code = state.getExitCodeLong();
        return new ContainerRunState(Phase.EXITED, code == null ? -1 : code.intValue(),
                Boolean.TRUE.equals(state.getOOMKilled()), started, Math.max(0, finished - started));
    }

    public Phase phase() {
        return phase;
    }

    /** The exit code; meaningful only when {@link Phase#EXITED}. */
    public int exitCode() {
        return exitCode;
    }

    public boolean oomKilled() {
        return oomKilled;
    }

    /** When the engine started it (epoch milliseconds, the engine's clock); 0 before it started. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** From start to exit by the engine's clock; 0 unless {@link Phase#EXITED}. */
    public long runMillis() {
        return runMillis;
    }

    /** Docker writes {@code 0001-01-01T00:00:00Z} for "never"; that, and anything unreadable, is 0. */
    private static long epochMillis(String time) {
        if (time == null || time.isEmpty() || time.startsWith("0001-")) {
            return 0;
        }
        try {
            return Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return phase == Phase.EXITED ? "exited with code " + exitCode : phase.name().toLowerCase(java.util.Locale.ROOT);
    }
}
