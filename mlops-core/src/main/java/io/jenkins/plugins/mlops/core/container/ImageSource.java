package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Finds the image a workload uses: the one named, or the one built from a Dockerfile. Never pulls. */
public final class ImageSource {

    private ImageSource() {
    }

    /**
     * Labels for a built image: only the mark that we built it. A run id or a caller's label (a build, a test) would
     * make every build a distinct image and leave the previous one dangling under the same tag.
     */
    public static Map<String, String> builtImageLabels() {
        return Map.of(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
    }

    /**
     * @param image      the image to run, or with a Dockerfile the tag the built image gets (may then be null)
     * @param dockerfile a Dockerfile on this machine to build first, or null to use {@code image}
     * @param context    the build context directory; with a Dockerfile only
     * @return the image id ({@code sha256:...})
     * @throws ContainerException {@link ContainerFailure#IMAGE_NOT_FOUND} or {@link ContainerFailure#IMAGE_BUILD_FAILED}
     */
    public static String resolve(DockerClient docker, String image, Path dockerfile, Path context,
                                 Map<String, String> imageLabels, LogSink log) throws ContainerException, InterruptedException {
        if (dockerfile != null) {
            return build(docker, image, dockerfile, context, imageLabels, log);
        }
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw new ContainerException(ContainerFailure.IMAGE_NOT_FOUND, "Image '" + image
                    + "' does not exist on the Docker host; images are never pulled: pull or build it first,"
                    + " or give a dockerfile to build", e);
        }
    }

    private static String build(DockerClient docker, String tag, Path dockerfile, Path context,
                                Map<String, String> labels, LogSink log) throws ContainerException, InterruptedException {
        log.info("Building image from " + dockerfile + " (context " + context + ")");
        BuildOutput output = new BuildOutput(log);
        BuildImageCmd cmd = docker.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(dockerfile.toFile())
                .withPull(false)
                .withForcerm(true)
                .withLabels(labels);
        if (tag != null && !tag.isBlank()) {
            cmd.withTags(Set.of(tag));
        }
        try (cmd) {
            cmd.exec(output);
            try {
                output.awaitCompletion();
            } catch (InterruptedException e) {
                // Dropping the connection makes the daemon cancel the build; forcerm removes what it created.
                closeQuietly(output);
                throw e;
            }
        } catch (RuntimeException e) {
            throw new ContainerException(ContainerFailure.IMAGE_BUILD_FAILED, "Building " + dockerfile
                    + " failed" + output.where() + ": " + e.getMessage(), e);
        }
        if (output.error != null || output.imageId == null) {
            throw new ContainerException(ContainerFailure.IMAGE_BUILD_FAILED, "Building " + dockerfile
                    + " failed" + output.where() + ": " + (output.error != null ? output.error : "the engine reported no image id"));
        }
        String id = docker.inspectImageCmd(output.imageId).exec().getId();
        log.info("Built image " + id + (tag != null ? " tagged " + tag : ""));
        return id;
    }

    private static void closeQuietly(ResultCallback<?> c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // The build is being abandoned anyway.
        }
    }

    /** Forwards the builder's output line by line and remembers the step that failed. */
    private static final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {
        private final LogSink log;
        private volatile String imageId;
        private volatile String error;
        private volatile String lastStep;

        BuildOutput(LogSink log) {
            this.log = log;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                for (String line : item.getStream().split("\\r?\\n")) {
                    if (!line.isBlank()) {
                        log.info(line.stripTrailing());
                        if (line.startsWith("Step ")) {
                            lastStep = line.strip();
                        }
                    }
                }
            }
            if (item.isBuildSuccessIndicated()) {
                imageId = item.getImageId();
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
        }

        String where() {
            return lastStep == null ? "" : " at " + lastStep;
        }
    }
}
