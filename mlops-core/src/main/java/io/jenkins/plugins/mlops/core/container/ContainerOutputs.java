package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Copies a directory out of a container (running or exited) into an empty host directory, as an uncompressed tar
 * stream read by {@link OutputArchiveExtractor}: the container's contents are untrusted, nothing may land or be
 * read outside the host directory.
 */
public final class ContainerOutputs {

    /** What was copied: regular files, their bytes, entries not stored (devices, pipes) and the wall time. */
    public record Copied(long files, long bytes, int skipped, Duration duration) {
    }

    private ContainerOutputs() {
    }

    /**
     * @param containerPath an absolute directory in the container, e.g. {@code /mlops/output}
     * @param target        an existing, empty host directory that receives its contents
     * @throws ContainerException {@link ContainerFailure#OUTPUT_INVALID} when the path is missing, an entry would
     *                            escape the target, or the stream breaks
     * @throws InterruptedException when the caller is interrupted while copying
     */
    public static Copied copy(DockerClient docker, String containerId, String containerPath, Path target)
            throws ContainerException, InterruptedException {
        return copy(docker, containerId, containerPath, target, null);
    }

    /**
     * @param confined a directory directly below {@code containerPath} whose links must stay inside it (see
     *                 {@link OutputArchiveExtractor#OutputArchiveExtractor(Path, String)}), or null
     */
    public static Copied copy(DockerClient docker, String containerId, String containerPath, Path target,
            String confined) throws ContainerException, InterruptedException {
        long t0 = System.nanoTime();
        String top = Path.of(containerPath).getFileName().toString();
        OutputArchiveExtractor extractor;
        try {
            extractor = new OutputArchiveExtractor(target, confined);
            try (InputStream tar = ContainerArchives.open(docker, containerId, containerPath)) {
                extractor.extract(tar, top);
            }
        } catch (UnsafeOutputException e) {
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "Refused the outputs of the run: " + e.getMessage()
                    + " (everything under " + containerPath + " must stay inside it)", e);
        } catch (NotFoundException e) {
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "The container has no " + containerPath
                    + " (did the code in it remove it?)", e);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                throw new InterruptedException("copying outputs was interrupted");
            }
            throw new ContainerException(ContainerFailure.OUTPUT_INVALID, "Copying the outputs out of the container failed: "
                    + Formats.ioMessage(e), e);
        }
        return new Copied(extractor.files(), extractor.bytes(), extractor.skipped(), Duration.ofNanos(System.nanoTime() - t0));
    }
}
