package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.core.command.WaitContainerResultCallback;
import io.jenkins.plugins.mlops.core.docker.ContainerArchives;
import io.jenkins.plugins.mlops.core.docker.ContainerLabels;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The state and steps of one {@link DockerTrainer#train} call. Not reusable. */
final class TrainingRun {

    /** As {@code docker stop}: time for the training code to save what it can after SIGTERM. */
    static final int STOP_GRACE_SECONDS = 10;
    /** After the container exited the log stream ends within moments; this only bounds a misbehaving engine. */
    private static final long LOG_DRAIN_SECONDS = 30;
    private static final long ATTACH_SECONDS = 60;

    private final DockerClient docker;
    private final TrainingSpec spec;
    private final HostInputs inputs;
    private final LogSink log;
    private final Consumer<String> beforeStart;
    private final String runId;
    private final Map<String, String> labels;
    private final RunResources resources;
    private final List<Closeable> streams = new ArrayList<>();
    private String containerId;
    private boolean started;
    private Path staging;

    TrainingRun(DockerClient docker, TrainingSpec spec, HostInputs inputs, LogSink log, Consumer<String> beforeStart) {
        this.docker = docker;
        this.spec = spec;
        this.inputs = inputs;
        this.log = log;
        this.beforeStart = beforeStart;
        this.runId = RunIds.next();
        this.labels = ContainerLabels.forRun(runId, spec.getLabels());
        this.resources = new RunResources(docker, log);
    }

    String runId() {
        return runId;
    }

    TrainingResult execute() throws TrainingException, InterruptedException {
        checkInterrupted();
        String imageId = ImageSource.resolve(docker, spec, inputs, imageLabels(), log);
        checkInterrupted();
        String dataDigest = null;
        List<Mount> mounts = new ArrayList<>();
        String dataVolume = inputs.data().isEmpty() ? null : createVolume("data");
        String modelVolume = inputs.modelInput() == null ? null : createVolume("model");
        if (dataVolume != null || modelVolume != null) {
            dataDigest = fillVolumes(imageId, dataVolume, modelVolume);
            if (dataVolume != null) {
                mounts.add(ContainerSettings.volume(dataVolume, ContainerLayout.DATA_DIR, true));
            }
            if (modelVolume != null) {
                mounts.add(ContainerSettings.volume(modelVolume, ContainerLayout.MODEL_INPUT_DIR, true));
            }
        }
        checkInterrupted();
        createTrainingContainer(imageId, mounts, dataVolume == null);
        Exit exit = runToEnd();
        Path output = copyOutputs();
        Map<String, Double> metrics = readMetrics(output);
        try {
            inputs.output().commit(output, runId);
        } catch (IOException e) {
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, "Could not move the outputs into "
                    + inputs.output().path() + ": " + HostInputs.describe(e), e);
        }
        staging = null;
        Path outputDir = inputs.output().path();
        log.info("Outputs of run " + runId + " are in " + outputDir);
        return new TrainingResult(runId, imageId, exit.code(), outputDir.toString(),
                outputDir.resolve(ContainerLayout.MODEL_NAME).toString(), metrics, spec.effectiveParams(), dataDigest,
                exit.duration());
    }

    /** How the container ended: its exit code and the wall time from start to exit. */
    private record Exit(int code, Duration duration) {
    }

    /**
     * Labels for a built image: only the mark that we built it. A run id or a caller's label (a build, a test) would
     * make every build a distinct image and leave the previous one dangling under the same tag.
     */
    private static Map<String, String> imageLabels() {
        return Map.of(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
    }

    private String createVolume(String purpose) {
        String name = "mlops-" + purpose + "-" + runId;
        docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        resources.addVolume(name);
        return name;
    }

    /**
     * Volumes cannot be written through the Engine API directly; a container that mounts them (created, never
     * started) can, through the archive endpoint. The training container then mounts them read-only.
     */
    private String fillVolumes(String imageId, String dataVolume, String modelVolume) throws TrainingException, InterruptedException {
        List<Mount> writable = new ArrayList<>();
        if (dataVolume != null) {
            writable.add(ContainerSettings.volume(dataVolume, ContainerLayout.DATA_DIR, false));
        }
        if (modelVolume != null) {
            writable.add(ContainerSettings.volume(modelVolume, ContainerLayout.MODEL_INPUT_DIR, false));
        }
        String helper = docker.createContainerCmd(imageId)
                .withName("mlops-inputs-" + runId)
                .withLabels(labels)
                // Never run; a command is set only because images without CMD cannot be created otherwise.
                .withEntrypoint("/mlops-never-started")
                .withCmd(List.of())
                .withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig()
                        .withNetworkMode("none").withMounts(writable))
                .exec().getId();
        resources.addContainer(helper);
        String digest = null;
        try {
            if (dataVolume != null) {
                InputManifest data = inputs.dataManifest();
                log.info("Copying data: " + data.fileCount() + " files, " + megabytes(data.totalBytes()) + " to "
                        + ContainerLayout.DATA_DIR);
                digest = TarUpload.upload(docker, helper, ContainerLayout.DATA_DIR, data::writeTar);
            }
            if (modelVolume != null) {
                InputManifest model = inputs.modelManifest();
                log.info("Copying model " + inputs.modelInput() + ": " + model.fileCount() + " files, "
                        + megabytes(model.totalBytes()) + " to " + ContainerLayout.MODEL_INPUT_DIR);
                TarUpload.upload(docker, helper, ContainerLayout.MODEL_INPUT_DIR, model::writeTar);
            }
        } catch (IOException e) {
            throw new TrainingException(TrainingFailure.ENGINE_ERROR, "Copying inputs into the container failed: "
                    + HostInputs.describe(e), e);
        }
        resources.removeContainer(helper);
        return digest;
    }

    private void createTrainingContainer(String imageId, List<Mount> mounts, boolean emptyDataDir) {
        String name = ContainerSettings.containerName(spec, runId);
        CreateContainerCmd create = docker.createContainerCmd(imageId)
                .withName(name)
                .withLabels(labels)
                .withEnv(ContainerLayout.environment(runId, spec.effectiveParams(), inputs.modelInput() != null, spec.getEnv()))
                .withHostConfig(ContainerSettings.hostConfig(spec, mounts));
        if (spec.getCommand() != null) {
            create.withCmd(spec.getCommand());
        }
        containerId = create.exec().getId();
        resources.addContainer(containerId);
        byte[] skeleton = ContainerLayout.skeletonTar(ContainerLayout.paramsJson(spec.effectiveParams()), emptyDataDir);
        docker.copyArchiveToContainerCmd(containerId)
                .withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(skeleton))
                .exec();
        beforeStart.accept(containerId);
    }

    private Exit runToEnd() throws TrainingException, InterruptedException {
        ContainerLogs logs = new ContainerLogs(log);
        // Attached before start, as `docker run` does: output comes straight from the process's pipes from its
        // first byte, whatever logging driver the engine uses (syslog or none cannot be read back as logs).
        streams.add(docker.attachContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false)
                .exec(logs));
        awaitAttached(logs);
        long startNanos = System.nanoTime();
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw new TrainingException(TrainingFailure.ENGINE_ERROR, "The Docker Engine could not start the container"
                    + (spec.getGpus() != null ? " (GPUs requested: " + spec.getGpus() + "; does this host have the NVIDIA container runtime?)" : "")
                    + ": " + e.getMessage(), e);
        }
        started = true;
        log.info("Started container " + ContainerSettings.containerName(spec, runId) + " (run " + runId + ")");
        WaitContainerResultCallback wait = docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback());
        streams.add(wait);
        boolean ended;
        if (spec.getTimeout() == null) {
            wait.awaitCompletion();
            ended = true;
        } else {
            ended = wait.awaitCompletion(millis(spec.getTimeout()), TimeUnit.MILLISECONDS);
        }
        if (!ended) {
            log.info("Run " + runId + " exceeded its timeout of " + human(spec.getTimeout()) + "; stopping it");
            resources.stop(containerId, STOP_GRACE_SECONDS);
            drain(logs);
            throw new TrainingException(TrainingFailure.TIMEOUT, "Training exceeded the timeout of "
                    + human(spec.getTimeout()) + " and was stopped" + tail(logs));
        }
        int exitCode = wait.awaitStatusCode();
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        drain(logs);
        started = false;
        log.info("Container exited with code " + exitCode + " after " + human(duration));
        if (exitCode != 0 && oomKilled()) {
            throw new TrainingException(TrainingFailure.OUT_OF_MEMORY, "Training ran out of memory"
                    + (spec.getMemoryBytes() != null ? " (limit " + megabytes(spec.getMemoryBytes()) + ")" : "")
                    + " and was killed (exit code " + exitCode + "); raise 'memory' or use less" + tail(logs),
                    exitCode, null);
        }
        if (exitCode != 0) {
            throw new TrainingException(TrainingFailure.NON_ZERO_EXIT, "Training exited with code " + exitCode + tail(logs),
                    exitCode, null);
        }
        return new Exit(exitCode, duration);
    }

    private boolean oomKilled() {
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
        return state != null && Boolean.TRUE.equals(state.getOOMKilled());
    }

    /** The attach request either starts streaming or fails; a failure never reaches onStart, so watch for both. */
    private static void awaitAttached(ContainerLogs logs) throws TrainingException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ATTACH_SECONDS);
        while (!logs.awaitStarted(50, TimeUnit.MILLISECONDS)) {
            try {
                if (logs.awaitCompletion(0, TimeUnit.MILLISECONDS)) {
                    throw new TrainingException(TrainingFailure.ENGINE_ERROR, "The Docker Engine closed the container's"
                            + " output stream before the container started");
                }
            } catch (RuntimeException e) {
                throw new TrainingException(TrainingFailure.ENGINE_ERROR, "The Docker Engine could not attach to the"
                        + " container's output: " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new TrainingException(TrainingFailure.ENGINE_ERROR, "The Docker Engine did not attach to the"
                        + " container's output within " + ATTACH_SECONDS + " s");
            }
        }
    }

    private void drain(ContainerLogs logs) throws InterruptedException {
        try {
            logs.awaitCompletion(LOG_DRAIN_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            log.info("The log stream ended with an error: " + e.getMessage());
        }
        logs.flush();
    }

    private Path copyOutputs() throws TrainingException, InterruptedException {
        long t0 = System.nanoTime();
        OutputArchiveExtractor extractor;
        try {
            staging = inputs.output().createStaging(runId);
            extractor = new OutputArchiveExtractor(staging);
            try (InputStream tar = ContainerArchives.open(docker, containerId, ContainerLayout.OUTPUT_DIR)) {
                extractor.extract(tar, ContainerLayout.OUTPUT_TOP);
            }
        } catch (UnsafeOutputException e) {
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, "Refused the outputs of the run: " + e.getMessage()
                    + " (everything under " + ContainerLayout.OUTPUT_DIR + " must stay inside it)", e);
        } catch (NotFoundException e) {
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, "The container has no " + ContainerLayout.OUTPUT_DIR
                    + " (did the training code remove it?)", e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                throw new InterruptedException("copying outputs was interrupted");
            }
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, "Copying the outputs out of the container failed: "
                    + HostInputs.describe(e), e);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        log.info(String.format(Locale.ROOT, "Copied outputs: %d files, %s in %.2f s", extractor.files(),
                megabytes(extractor.bytes()), seconds)
                + (extractor.skipped() > 0 ? " (" + extractor.skipped() + " devices or pipes skipped)" : ""));
        return staging;
    }

    private Map<String, Double> readMetrics(Path output) throws TrainingException {
        Path file = output.resolve(ContainerLayout.METRICS_NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        if (!MetricsFiles.exists(file)) {
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, ContainerLayout.METRICS_FILE + " is not a file");
        }
        try {
            return MetricsFiles.read(file);
        } catch (IOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new TrainingException(TrainingFailure.OUTPUT_INVALID, ContainerLayout.METRICS_FILE
                    + " is not a JSON object of metrics such as {\"rmse\": 0.9}: " + reason, e);
        }
    }

    /** On abort: give the training code its SIGTERM and grace period before the container is removed. */
    void abort() {
        if (containerId != null && started) {
            log.info("Run " + runId + " aborted; stopping container " + RunResources.shortId(containerId));
            resources.stop(containerId, STOP_GRACE_SECONDS);
        }
    }

    /** Removes everything the run created on the engine and any half-copied outputs. Never throws. */
    void cleanUp() {
        for (Closeable c : streams) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // Only releases a connection; the container removal below is what matters.
            }
        }
        resources.removeAll();
        if (staging != null) {
            try {
                OutputDirectory.deleteTree(staging);
            } catch (IOException e) {
                log.info("Could not delete partial outputs in " + staging + ": " + HostInputs.describe(e));
            }
        }
    }

    private static String tail(ContainerLogs logs) {
        List<String> out = logs.tail(LogSink.Stream.STDOUT);
        List<String> err = logs.tail(LogSink.Stream.STDERR);
        if (out.isEmpty() && err.isEmpty()) {
            return "; it wrote no output";
        }
        StringBuilder b = new StringBuilder();
        if (!out.isEmpty()) {
            b.append("; last lines on stdout:\n  ").append(String.join("\n  ", out));
        }
        if (!err.isEmpty()) {
            b.append(out.isEmpty() ? "; " : "\n").append("last lines on stderr:\n  ").append(String.join("\n  ", err));
        }
        return b.toString();
    }

    private static long millis(Duration d) {
        try {
            return Math.max(1, d.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static String human(Duration d) {
        if (d.toMillis() < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
