package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one training container per {@link #train} call on a Docker Engine, following docs/container-contract.md:
 * inputs go in and outputs come out as tar streams through the Engine API, so the engine may be remote
 * ({@code DOCKER_HOST=tcp://...}). Every container and volume it creates carries the
 * {@link io.jenkins.plugins.mlops.core.docker.ContainerLabels} and is removed before {@link #train} returns or
 * throws. Thread-safe: one trainer may serve parallel runs.
 */
public final class DockerTrainer {

    private final DockerClient docker;
    private Consumer<String> beforeStart = id -> { };

    public DockerTrainer(DockerClient docker) {
        this.docker = Objects.requireNonNull(docker, "docker");
    }

    /**
     * Lets tests look at the created container (its HostConfig as the engine stored it) before it starts.
     * The hook must not keep the id: the container is removed when the run ends.
     */
    DockerTrainer beforeStart(Consumer<String> hook) {
        this.beforeStart = Objects.requireNonNull(hook);
        return this;
    }

    /**
     * Builds or finds the image, runs the training container to its end, and copies what it wrote under
     * {@code /mlops/output} to {@link TrainingSpec#getOutputDir()}. Container output reaches {@code log} line by
     * line while it runs; {@link LogSink} calls come from more than one thread, one call at a time.
     *
     * @throws MlopsArgumentException when a host path in the spec is wrong; thrown before anything is created on
     *         the engine
     * @throws TrainingException when the run failed; {@link TrainingException#getFailure()} says how
     * @throws InterruptedException when the calling thread was interrupted (the build was aborted); the container
     *         has been stopped (SIGTERM, then SIGKILL after a grace period) and removed by then
     */
    public TrainingResult train(TrainingSpec spec, LogSink log) throws TrainingException, InterruptedException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(log, "log");
        LogSink serialized = new SerializedLogSink(log);
        HostInputs inputs = HostInputs.resolve(spec);
        TrainingRun run = new TrainingRun(docker, spec, inputs, serialized, beforeStart);
        boolean aborted = false;
        try {
            return run.execute();
        } catch (InterruptedException e) {
            aborted = true;
            throw aborted(run);
        } catch (TrainingException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                aborted = true;
                throw aborted(run);
            }
            if (e instanceof TrainingException || e instanceof MlopsArgumentException) {
                throw e;
            }
            throw new TrainingException(TrainingFailure.ENGINE_ERROR, "The Docker Engine failed run " + run.runId() + ": "
                    + e.getMessage(), e);
        } finally {
            boolean stop = aborted;
            boolean interrupted = Interruptions.runShielded("mlops-cleanup-" + run.runId(), () -> {
                if (stop) {
                    run.abort();
                }
                run.cleanUp();
            });
            if (interrupted && !aborted) {
                // Not reported as an abort (the run had ended): keep the request for the caller to see.
                Thread.currentThread().interrupt();
            }
        }
    }

    private static InterruptedException aborted(TrainingRun run) {
        return new InterruptedException("Training run " + run.runId() + " was aborted; its container was stopped and removed");
    }

    /** Log lines arrive on docker-java's stream thread while engine messages come from the caller's. */
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
