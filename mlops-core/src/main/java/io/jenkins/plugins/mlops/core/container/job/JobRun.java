package io.jenkins.plugins.mlops.core.container.job;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Mount;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerExit;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerLogs;
import io.jenkins.plugins.mlops.core.container.ContainerOutputs;
import io.jenkins.plugins.mlops.core.container.Formats;
import io.jenkins.plugins.mlops.core.container.ImageSource;
import io.jenkins.plugins.mlops.core.container.InputManifest;
import io.jenkins.plugins.mlops.core.container.InputVolumes;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.OutputDirectory;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import io.jenkins.plugins.mlops.core.container.RunIds;
import io.jenkins.plugins.mlops.core.container.RunResources;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state and phases of one {@link JobRunner#run} call: {@link #prepare} (image, input volumes, container),
 * {@link #runToExit} (attach, start, wait), {@link #collect} (copy out, read metrics, move into place), then
 * {@link #abort} and {@link #cleanUp} however it ended. Not reusable.
 */
final class JobRun {

    static final int STOP_GRACE_SECONDS = RunResources.STOP_GRACE_SECONDS;
    /** After the container exited the log stream ends within moments; this only bounds a misbehaving engine. */
    private static final long LOG_DRAIN_SECONDS = 30;

    private final DockerClient docker;
    private final JobSpec spec;
    private final LogSink log;
    private final Consumer<JobHandle> onCreated;
    private final String runId;
    private final Map<String, String> labels;
    private final RunResources resources;
    private final List<String> volumes = new ArrayList<>();
    private ContainerLogs logs;
    private ContainerExit exit;
    private String imageId;
    private String dataDigest;
    private String containerId;
    private boolean started;

    JobRun(DockerClient docker, JobSpec spec, LogSink log, Consumer<JobHandle> onCreated) {
        this.docker = docker;
        this.spec = spec;
        this.log = log;
        this.onCreated = onCreated;
        this.runId = RunIds.next();
        this.labels = ContainerLabels.forRun(runId, spec.labels());
        this.resources = new RunResources(docker, log);
    }

    String runId() {
        return runId;
    }

    JobResult execute() throws ContainerException, InterruptedException {
        JobHandle handle = prepare();
        onCreated.accept(handle);
        ContainerExit.Exit ended = runToExit();
        return collect(ended);
    }

    /** Finds or builds the image, fills the input volumes and creates the container with the contract's files. */
    JobHandle prepare() throws ContainerException, InterruptedException {
        HostInputs inputs = spec.inputs();
        checkInterrupted();
        imageId = ImageSource.resolve(docker, spec.image(), inputs.dockerfile(), inputs.buildContext(),
                ImageSource.builtImageLabels(), log);
        checkInterrupted();
        InputVolumes inputVolumes = new InputVolumes(docker, resources, runId, labels);
        List<InputVolumes.Content> contents = new ArrayList<>();
        if (!inputs.data().isEmpty()) {
            InputManifest data = inputs.dataManifest();
            contents.add(new InputVolumes.Content(inputVolumes.create("data"), ContractLayout.DATA_DIR, out -> {
                log.info("Copying data: " + data.fileCount() + " files, " + Formats.megabytes(data.totalBytes()) + " to "
                        + ContractLayout.DATA_DIR);
                return data.writeTar(out);
            }));
        }
        if (inputs.modelInput() != null) {
            InputManifest model = inputs.modelManifest();
            contents.add(new InputVolumes.Content(inputVolumes.create("model"), ContractLayout.MODEL_INPUT_DIR, out -> {
                log.info("Copying model " + inputs.modelInput() + ": " + model.fileCount() + " files, "
                        + Formats.megabytes(model.totalBytes()) + " to " + ContractLayout.MODEL_INPUT_DIR);
                return model.writeTar(out);
            }));
        }
        List<Mount> mounts = new ArrayList<>();
        if (!contents.isEmpty()) {
            try {
                dataDigest = inputVolumes.fill(imageId, contents).get(ContractLayout.DATA_DIR);
            } catch (IOException e) {
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, "Copying inputs into the container failed: "
                        + Formats.ioMessage(e), e);
            }
            for (InputVolumes.Content c : contents) {
                volumes.add(c.volume());
                mounts.add(ResourceLimits.volume(c.volume(), c.target(), true));
            }
        }
        checkInterrupted();
        createContainer(mounts, inputs.data().isEmpty());
        return handle();
    }

    /** What the container can be found again by; null before it exists. */
    JobHandle handle() {
        if (containerId == null) {
            return null;
        }
        return new JobHandle(spec.purpose(), runId, containerId, spec.containerName(runId), labels, volumes, imageId,
                dataDigest, spec.inputs().output().path().toString(), spec.limits().memoryBytes(), spec.limits().gpus(),
                spec.limits().pidsLimit());
    }

    /** Everything created so far, to be removed however the run ends (a detached start hands it over on success). */
    RunResources resources() {
        return resources;
    }

    private void createContainer(List<Mount> mounts, boolean emptyDataDir) {
        CreateContainerCmd create = docker.createContainerCmd(imageId)
                .withName(spec.containerName(runId))
                .withLabels(labels)
                .withEnv(ContractLayout.environment(runId, spec.params(), spec.inputs().modelInput() != null, spec.env()))
                .withHostConfig(spec.privileges().applyTo(spec.limits().hostConfig(mounts)));
        if (spec.command() != null) {
            create.withCmd(spec.command());
        }
        containerId = create.exec().getId();
        resources.addContainer(containerId);
        byte[] skeleton = ContractLayout.skeletonTar(ContractLayout.paramsJson(spec.params()), emptyDataDir);
        docker.copyArchiveToContainerCmd(containerId)
                .withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(skeleton))
                .exec();
    }

    /** Attaches to the output (before start, as {@code docker run}), starts, and waits within the timeout. */
    ContainerExit.Exit runToExit() throws ContainerException, InterruptedException {
        logs = ContainerLogs.attach(docker, containerId, log);
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        startContainer(docker, handle(), log);
        started = true;
        exit = ContainerExit.watch(docker, containerId, startNanos);
        ContainerExit.Exit ended = exit.await(deadline(startedAt));
        if (ended == null) {
            log.info("Run " + runId + " exceeded its timeout of " + Formats.duration(spec.timeout()) + "; stopping it");
            resources.stop(containerId, STOP_GRACE_SECONDS);
            logs.drain(LOG_DRAIN_SECONDS);
            throw new ContainerException(ContainerFailure.TIMEOUT, spec.purpose() + " exceeded the timeout of "
                    + Formats.duration(spec.timeout()) + " and was stopped" + logs.tailMessage());
        }
        logs.drain(LOG_DRAIN_SECONDS);
        started = false;
        log.info("Container exited with code " + ended.code() + " after " + Formats.duration(ended.duration()));
        ContainerException failed = exitFailure(handle(), ended.code(), ended.oomKilled(),
                logs.tail(LogSink.Stream.STDOUT), logs.tail(LogSink.Stream.STDERR));
        if (failed != null) {
            throw failed;
        }
        return ended;
    }

    /** Starts a created container and says so: the first line of the job's own output comes after this one. */
    static void startContainer(DockerClient docker, JobHandle handle, LogSink log) throws ContainerException {
        try {
            docker.startContainerCmd(handle.containerId()).exec();
        } catch (RuntimeException e) {
            String gpus = handle.gpus();
            throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine could not start the container"
                    + (gpus != null ? " (GPUs requested: " + gpus + "; does this host have the NVIDIA container runtime?)" : "")
                    + ": " + e.getMessage(), e);
        }
        log.info("Started container " + handle.containerName() + " (run " + handle.runId() + ")");
    }

    /**
     * How a job that exited failed, or null when it succeeded; the message ends with the last lines of its output
     * and what they suggest about its restrictions.
     */
    static ContainerException exitFailure(JobHandle handle, int code, boolean oomKilled, List<String> stdoutTail,
            List<String> stderrTail) {
        String tail = ContainerLogs.tailMessage(stdoutTail, stderrTail);
        if (oomKilled) {
            Long memory = handle.memoryBytes();
            return new ContainerException(ContainerFailure.OUT_OF_MEMORY, handle.purpose() + " ran out of memory"
                    + (memory != null ? " (limit " + Formats.megabytes(memory) + ")" : "")
                    + " and was killed (exit code " + code + "); raise 'memory' or use less" + tail, code, null);
        }
        if (code != 0) {
            return new ContainerException(ContainerFailure.NON_ZERO_EXIT, handle.purpose() + " exited with code "
                    + code + tail + RestrictionHints.forFailure(stdoutTail, stderrTail, handle.pidsLimit()), code, null);
        }
        return null;
    }

    /** An absolute deadline, so that a wait resumed later keeps the limit; a timeout too large to add is none. */
    private Instant deadline(Instant startedAt) {
        if (spec.timeout() == null) {
            return null;
        }
        try {
            return startedAt.plus(spec.timeout());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** Copies the outputs into a staging directory, reads the metrics and only then moves them into place. */
    JobResult collect(ContainerExit.Exit ended) throws ContainerException, InterruptedException {
        return collect(docker, handle(), ended.code(), ended.duration(), log, runId);
    }

    /**
     * Copies what a job's container wrote under {@code /mlops/output} into a staging directory beside the job's
     * output directory, reads the metrics, and only then moves it into place; a failure leaves no staging behind.
     *
     * @param stagingName distinguishes the staging directory of this attempt from any other of the same run
     */
    static JobResult collect(DockerClient docker, JobHandle handle, int exitCode, Duration duration, LogSink log,
            String stagingName) throws ContainerException, InterruptedException {
        OutputDirectory output = OutputDirectory.check(Path.of(handle.outputDir()));
        Path staging;
        try {
            staging = output.createStaging(stagingName);
        } catch (IOException e) {
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "Could not create a directory for the outputs"
                    + " beside " + output.path() + ": " + Formats.ioMessage(e), e);
        }
        boolean committed = false;
        try {
            ContainerOutputs.Copied copied = ContainerOutputs.copy(docker, handle.containerId(), ContractLayout.OUTPUT_DIR,
                    staging, ContractLayout.MODEL_NAME);
            double seconds = Math.max(1e-9, copied.duration().toNanos() / 1e9);
            log.info(String.format(Locale.ROOT, "Copied outputs: %d files, %s in %.2f s", copied.files(),
                    Formats.megabytes(copied.bytes()), seconds)
                    + (copied.skipped() > 0 ? " (" + copied.skipped() + " devices or pipes skipped)" : ""));
            Map<String, Double> metrics = readMetrics(staging);
            try {
                output.commit(staging, handle.runId());
            } catch (IOException e) {
                throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "Could not move the outputs into "
                        + output.path() + ": " + Formats.ioMessage(e), e);
            }
            committed = true;
            log.info("Outputs of run " + handle.runId() + " are in " + output.path());
            return new JobResult(handle.runId(), handle.imageId(), exitCode, output.path().toString(), metrics,
                    handle.dataDigest(), duration);
        } finally {
            if (!committed) {
                try {
                    OutputDirectory.deleteTree(staging);
                } catch (IOException e) {
                    log.info("Could not delete partial outputs in " + staging + ": " + Formats.ioMessage(e));
                }
            }
        }
    }

    private static Map<String, Double> readMetrics(Path output) throws ContainerException {
        Path file = output.resolve(ContractLayout.METRICS_NAME);
        if (!Files.exists(file)) {
            return Map.of();
        }
        if (!MetricsFiles.exists(file)) {
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, ContractLayout.METRICS_FILE + " is not a file");
        }
        try {
            return MetricsFiles.read(file);
        } catch (IOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, ContractLayout.METRICS_FILE
                    + " is not a JSON object of metrics such as {\"rmse\": 0.9}: " + reason, e);
        }
    }

    /** On abort: give the code in the container its SIGTERM and grace period before the container is removed. */
    void abort() {
        if (containerId != null && started) {
            log.info("Run " + runId + " aborted; stopping container " + RunResources.shortId(containerId));
            resources.stop(containerId, STOP_GRACE_SECONDS);
        }
    }

    /** Removes everything the run created on the engine. Never throws. */
    void cleanUp() {
        if (logs != null) {
            logs.closeQuietly();
        }
        if (exit != null) {
            exit.close();
        }
        resources.removeAll();
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }
}
