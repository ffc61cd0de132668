package io.jenkins.plugins.mlops.core.train;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** Finds the image a run uses: the one named, or the one built from the Dockerfile. Never pulls. */
final class ImageSource {

    private ImageSource() {
    }

    /** @return the image id ({@code sha256:...}) */
    static String resolve(DockerClient docker, TrainingSpec spec, HostInputs inputs, Map<String, String> imageLabels,
                          LogSink log) throws TrainingException, InterruptedException {
        if (inputs.dockerfile() != null) {
            return build(docker, spec.getImage(), inputs, imageLabels, log);
        }
        try {
            return docker.inspectImageCmd(spec.getImage()).exec().getId();
        } catch (NotFoundException e) {
            throw new TrainingException(TrainingFailure.IMAGE_NOT_FOUND, "Image '" + spec.getImage()
                    + "' does not exist on the Docker host; images are never pulled: pull or build it first,"
                    + " or give a dockerfile to build", e);
        }
    }

    private static String build(DockerClient docker, String tag, HostInputs inputs, Map<String, String> labels, LogSink log)
            throws TrainingException, InterruptedException {
        log.info("Building image from " + inputs.dockerfile() + " (context " + inputs.buildContext() + ")");
        BuildOutput output = new BuildOutput(log);
        BuildImageCmd cmd = docker.buildImageCmd()
                .withBaseDirectory(inputs.buildContext().toFile())
                .withDockerfile(inputs.dockerfile().toFile())
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
            throw new TrainingException(TrainingFailure.IMAGE_BUILD_FAILED, "Building " + inputs.dockerfile()
                    + " failed" + output.where() + ": " + e.getMessage(), e);
        }
        if (output.error != null || output.imageId == null) {
            throw new TrainingException(TrainingFailure.IMAGE_BUILD_FAILED, "Building " + inputs.dockerfile()
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
