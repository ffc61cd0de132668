package io.jenkins.plugins.mlops.core.container.job;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.ContainerLogReader;
import io.jenkins.plugins.mlops.core.container.ContainerLogs;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.Formats;
import io.jenkins.plugins.mlops.core.container.Interruptions;
import io.jenkins.plugins.mlops.core.container.LogChunk;
import io.jenkins.plugins.mlops.core.container.LogCursor;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.RunIds;
import io.jenkins.plugins.mlops.core.container.RunResources;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs container jobs following docs/container-contract.md: inputs go in and outputs come out as tar streams through
 * the Engine API, so the engine may be remote ({@code DOCKER_HOST=tcp://...}). Every container and volume it creates
 * carries the {@link io.jenkins.plugins.mlops.core.container.ContainerLabels}. Thread-safe: one runner may serve
 * parallel jobs.
 *
 * <p>Two ways to run one. {@link #run} runs it to its end while the caller waits, and removes everything before it
 * returns or throws (the command line). Or detached, for a caller that may go away while the job runs (a Jenkins
 * controller that restarts, an agent that reconnects): {@link #create} → {@link #start} → {@link #poll} from a
 * {@link LogCursor} until it has finished → {@link #collect} → {@link #remove}, each call independent of the
 * others, with only the {@link JobHandle} and the cursor carried between them. The container, its log and its exit
 * code live on the Docker host meanwhile.
 */
public final class JobRunner {

    private final DockerClient docker;
    private Consumer<JobHandle> onCreated = handle -> { };

    public JobRunner(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /**
     * Called once the job's container exists, before it starts: with what the container can be found again by (a
     * caller that must survive a restart persists it; tests inspect the container as the engine stored it). The
     * container is removed when the run ends: a listener must not rely on it afterwards.
     */
    public JobRunner onCreated(Consumer<JobHandle> listener) {
        this.onCreated = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Builds or finds the image, runs the container to its end, and copies what it wrote under {@code /mlops/output}
     * to the job's output directory. Container output reaches {@code log} line by line while it runs; {@link LogSink}
     * calls come from more than one thread, one call at a time.
     *
     * @throws ContainerException when the run failed; {@link ContainerException#getFailure()} says how
     * @throws InterruptedException when the calling thread was interrupted (the build was aborted); the container
     *         has been stopped (SIGTERM, then SIGKILL after a grace period) and removed by then
     */
    public JobResult run(JobSpec spec, LogSink log) throws ContainerException, InterruptedException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(log, "log");
        LogSink sink = new SerializedLogSink(log);
        JobRun run = new JobRun(docker, spec, sink, onCreated);
        InterruptedException aborted = null;
        try {
            return run.execute();
        } catch (InterruptedException e) {
            aborted = aborted(spec, run);
            throw aborted;
        } catch (ContainerException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                aborted = aborted(spec, run);
                throw aborted;
            }
            if (e instanceof ContainerException || e instanceof MlopsArgumentException) {
                throw e;
            }
            throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine failed run " + run.runId() + ": "
                    + e.getMessage(), e);
        } finally {
            boolean stop = aborted != null;
            boolean interrupted = Interruptions.runShielded("mlops-cleanup-" + run.runId(), () -> {
                if (stop) {
                    run.abort();
                }
                run.cleanUp();
            });
            if (stop) {
                // Said here, once the container is gone, so that the build log and the console both end with it.
                sink.info(aborted.getMessage());
            }
            if (interrupted && !stop) {
                // Not reported as an abort (the run had ended): keep the request for the caller to see.
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Detached, step 1: builds or finds the image, fills the input volumes and creates the container, not started.
     * On failure everything created so far is removed before this throws.
     *
     * @throws ContainerException when the engine failed; {@link ContainerException#getFailure()} says how
     * @throws InterruptedException when the caller was interrupted; what was created has been removed
     */
    public JobHandle create(JobSpec spec, LogSink log) throws ContainerException, InterruptedException {
        Objects.requireNonNull(spec, "spec");
        JobRun run = new JobRun(docker, spec, new SerializedLogSink(log), onCreated);
        RunResources created = run.resources();
        // Loaded now, while whatever serves this JVM its classes is still there: a Jenkins agent that loses its
        // channel mid-way can no longer load the classes its cleanup needs.
        created.prime();
        boolean done = false;
        try {
            JobHandle handle = run.prepare();
            onCreated.accept(handle);
            done = true;
            return handle;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                throw new InterruptedException(spec.purpose() + " was interrupted while its container was prepared");
            }
            if (e instanceof MlopsArgumentException) {
                throw e;
            }
            throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine failed to prepare run "
                    + run.runId() + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                boolean interrupted = Interruptions.runShielded("mlops-cleanup-" + run.runId(), created::removeAll);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Detached, step 2: starts the container unless it has been started before (so that a caller that does not know
     * whether its last start went through may call this again), and says so in the log.
     *
     * @return the state right after the start
     */
    public ContainerRunState start(JobHandle handle, LogSink log) throws ContainerException {
        ContainerRunState now = ContainerRunState.inspect(docker, handle.containerId());
        switch (now.phase()) {
            case CREATED -> {
                JobRun.startContainer(docker, handle, log);
                return ContainerRunState.inspect(docker, handle.containerId());
            }
            case GONE -> throw gone(handle);
            default -> {
                return now;
            }
        }
    }

    /**
     * Detached, step 3: the container's state, then at most {@code maxLines} log lines stored after {@code cursor}.
     * Call again with {@link LogChunk#next()} until {@link JobPoll#finished()}.
     */
    public JobPoll poll(JobHandle handle, LogCursor cursor, int maxLines) throws ContainerException, InterruptedException {
        ContainerRunState status = ContainerRunState.inspect(docker, handle.containerId());
        if (status.phase() == ContainerRunState.Phase.GONE) {
            return new JobPoll(status, null);
        }
        LogChunk chunk;
        try {
            chunk = ContainerLogReader.read(docker, handle.containerId(), cursor, maxLines);
        } catch (ContainerException e) {
            if (e.getFailure() == ContainerFailure.CONTAINER_GONE) {
                return new JobPoll(ContainerRunState.inspect(docker, handle.containerId()), null);
            }
            throw e;
        }
        return new JobPoll(status, chunk);
    }

    /**
     * Detached, step 4: the result of a job whose container has finished, as {@link #run} would have returned it.
     *
     * @param finished the state {@link #poll} reported last ({@link ContainerRunState.Phase#EXITED} or {@code GONE})
     * @throws ContainerException for an exit code other than 0, an out-of-memory kill, outputs that cannot be used,
     *                            or {@link ContainerFailure#CONTAINER_GONE} when the container no longer exists
     */
    public JobResult collect(JobHandle handle, ContainerRunState finished, LogSink log)
            throws ContainerException, InterruptedException {
        if (finished.phase() != ContainerRunState.Phase.EXITED) {
            throw gone(handle);
        }
        Duration ran = Duration.ofMillis(finished.runMillis());
        log.info("Container exited with code " + finished.exitCode() + " after " + Formats.duration(ran));
        ContainerException failed = JobRun.exitFailure(handle, finished.exitCode(), finished.oomKilled(),
                ContainerLogReader.tail(docker, handle.containerId(), LogSink.Stream.STDOUT, ContainerLogs.TAIL_LINES),
                ContainerLogReader.tail(docker, handle.containerId(), LogSink.Stream.STDERR, ContainerLogs.TAIL_LINES));
        if (failed != null) {
            throw failed;
        }
        return JobRun.collect(docker, handle, finished.exitCode(), ran, log, handle.runId() + "-" + RunIds.next());
    }

    /**
     * Detached: the job ran past its timeout. Stops the container (SIGTERM, then SIGKILL after the grace period)
     * and says so; the caller still removes it.
     *
     * @return the failure to report
     */
    public ContainerException timedOut(JobHandle handle, Duration timeout, LogSink log) {
        log.info("Run " + handle.runId() + " exceeded its timeout of " + Formats.duration(timeout) + "; stopping it");
        stop(handle, log);
        String tail;
        try {
            tail = tail(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tail = "";
        }
        return new ContainerException(ContainerFailure.TIMEOUT, handle.purpose() + " exceeded the timeout of "
                + Formats.duration(timeout) + " and was stopped" + tail);
    }

    /** Detached: SIGTERM through the container's init, then SIGKILL after the grace period, as {@code docker stop}. */
    public void stop(JobHandle handle, LogSink log) {
        new RunResources(docker, log).stop(handle.containerId(), JobRun.STOP_GRACE_SECONDS);
    }

    /**
     * Detached, last step, however the job ended: removes its container (killing it if it still runs) and volumes.
     *
     * @return how many objects could not be removed (each is named in the log)
     */
    public int remove(JobHandle handle, LogSink log) {
        RunResources resources = new RunResources(docker, log);
        resources.addContainer(handle.containerId());
        handle.volumes().forEach(resources::addVolume);
        return resources.removeAll();
    }

    /** A failure for a container that is no longer there. */
    public static ContainerException gone(JobHandle handle) {
        return new ContainerException(ContainerFailure.CONTAINER_GONE, handle.purpose() + " container "
                + handle.containerName() + " (run " + handle.runId() + ") no longer exists on the Docker host: it was"
                + " removed (by hand, or the daemon's state was wiped) before its result was collected");
    }

    private String tail(JobHandle handle) throws InterruptedException {
        return ContainerLogs.tailMessage(
                ContainerLogReader.tail(docker, handle.containerId(), LogSink.Stream.STDOUT, ContainerLogs.TAIL_LINES),
                ContainerLogReader.tail(docker, handle.containerId(), LogSink.Stream.STDERR, ContainerLogs.TAIL_LINES));
    }

    private static InterruptedException aborted(JobSpec spec, JobRun run) {
        return new InterruptedException(abortedMessage(spec.purpose(), run.runId()));
    }

    /** What an aborted run says once its container is gone, in the build log and on the console alike. */
    public static String abortedMessage(String purpose, String runId) {
        return purpose + " run " + runId + " was aborted; its container was stopped and removed";
    }

    /** Log lines arrive on docker-java's stream thread while the layer's own messages come from the caller's. */
    private static final class SerializedLogSink implements LogSink {
        private final LogSink delegate;

        SerializedLogSink(LogSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void line(Stream stream, String line) {
            delegate.line(stream, line);
        }

        @Override
        public synchronized void info(String message) {
            delegate.info(message);
        }
    }
}
