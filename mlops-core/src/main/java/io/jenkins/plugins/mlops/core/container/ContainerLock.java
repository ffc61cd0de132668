package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lock that lives on the Docker host itself: a container with a fixed name, created and never started. Container
 * names are unique per engine and creating one is atomic, so two Jenkins controllers, two agents or a build and the
 * CLI that share a host exclude each other without anything else in common. The lock says who holds it, since when,
 * and until when its holder promised to be done (its lease): a holder that died (a killed JVM) cannot release it, so
 * a lock past its lease may be taken over.
 */
public final class ContainerLock implements AutoCloseable {

    public static final String HOLDER = "io.jenkins.plugins.mlops.lock-holder";
    public static final String SINCE = "io.jenkins.plugins.mlops.lock-since";
    public static final String UNTIL = "io.jenkins.plugins.mlops.lock-until";
    private static final long POLL_MILLIS = 250;

    /** Who holds a lock, from its labels. */
    public record Holder(String containerId, String holder, Instant since, Instant until) {
        public boolean expired(Instant now) {
            return until != null && now.isAfter(until);
        }
    }

    /** Told once when the caller has to wait, with who holds the lock. */
    @FunctionalInterface
    public interface WaitListener {
        void waiting(Holder holder);
    }

    private final DockerClient docker;
    private final String containerId;
    private final String name;

    private ContainerLock(DockerClient docker, String containerId, String name) {
        this.docker = docker;
        this.containerId = containerId;
        this.name = name;
    }

    /**
     * Takes the lock {@code name}, waiting up to {@code maxWait} while someone else holds it.
     *
     * @param imageId any image on the host (the container is never started; it only needs one to exist)
     * @param lease   how long this holder may keep it; after that, others may take it over
     * @param labels  put on the lock container beside the holder's (for finding and sweeping it)
     * @return the held lock, to be closed when done
     * @throws ContainerException {@link ContainerFailure#ENGINE_ERROR} naming the holder when the wait ran out
     */
    public static ContainerLock acquire(DockerClient docker, String name, String imageId, String holder,
            Duration lease, Duration maxWait, Map<String, String> labels, WaitListener listener)
            throws ContainerException, InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        while (true) {
            Instant now = Instant.now();
            Map<String, String> all = new LinkedHashMap<>(labels);
            all.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
            all.put(HOLDER, holder);
            all.put(SINCE, now.toString());
            all.put(UNTIL, now.plus(lease).toString());
            try {
                String id = docker.createContainerCmd(imageId).withName(name).withLabels(all)
                        .withEntrypoint("/mlops-never-started").withCmd(List.of()).withNetworkDisabled(true)
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
                return new ContainerLock(docker, id, name);
            } catch (ConflictException e) {
                // Someone holds it; see below.
            }
            Optional<Holder> current = holder(docker, name);
            if (current.isEmpty()) {
                continue; // released between our attempt and our look: try again at once
            }
            if (current.get().expired(Instant.now())) {
                // Removed by id, so that of two waiters taking over a dead holder's lock only one succeeds.
                removeQuietly(docker, current.get().containerId());
                continue;
            }
            if (!told) {
                listener.waiting(current.get());
                told = true;
            }
            if (System.nanoTime() >= deadline) {
                Holder h = current.get();
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "'" + name + "' is held by " + h.holder()
                        + " since " + h.since() + " (until " + h.until() + " at the latest); gave up after waiting "
                        + Formats.duration(maxWait));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Who holds the lock {@code name} now, if anyone. */
    public static Optional<Holder> holder(DockerClient docker, String name) {
        return ContainerStatus.inspect(docker, name).map(s -> new Holder(s.id(), s.labels().getOrDefault(HOLDER, "?"),
                instant(s.labels().get(SINCE)), instant(s.labels().get(UNTIL))));
    }

    public String name() {
        return name;
    }

    /**
     * Releases the lock (removes its container, if it is still ours), also when the caller was interrupted (an
     * aborted build): an interrupt closes the engine's socket mid-call, and a lock left behind would hold every
     * other deployment of the service until its lease ran out.
     */
    @Override
    public void close() {
        boolean interrupted = Interruptions.runShielded("mlops-unlock-" + name, () -> removeQuietly(docker, containerId));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeQuietly(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RuntimeException e) {
            // The lease ends it for the next holder.
        }
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
