package io.jenkins.plugins.mlops.core.container.job;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.Interruptions;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one container job per {@link #run} call to its end, following docs/container-contract.md: inputs go in and
 * outputs come out as tar streams through the Engine API, so the engine may be remote ({@code DOCKER_HOST=tcp://...}).
 * Every container and volume it creates carries the {@link io.jenkins.plugins.mlops.core.container.ContainerLabels}
 * and is removed before {@link #run} returns or throws. Thread-safe: one runner may serve parallel jobs.
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

    private static InterruptedException aborted(JobSpec spec, JobRun run) {
        return new InterruptedException(spec.purpose() + " run " + run.runId()
                + " was aborted; its container was stopped and removed");
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
