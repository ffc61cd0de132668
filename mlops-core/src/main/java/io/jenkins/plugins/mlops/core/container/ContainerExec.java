package io.jenkins.plugins.mlops.core.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command inside a running container through the Engine API's exec (as {@code docker exec}), and returns
 * its exit code and output. This is how a long-lived workload is administered without opening a port: the proxy's
 * runtime API, for one, is a unix socket inside its container.
 */
public final class ContainerExec {

    /** How the command ended and what it wrote. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** An exec writes little; more than this is cut, so that a runaway command cannot fill memory. */
    static final int MAX_OUTPUT_BYTES = 4 << 20;

    private ContainerExec() {
    }

    /**
     * Runs {@code command} (no shell unless the command is one) as the container's user and waits for its end.
     *
     * @param timeout how long the command may take; after that the call fails (the command itself is not killed:
     *                give it its own bound, such as {@code socat -t})
     * @throws ContainerException {@link ContainerFailure#CONTAINER_GONE} when the container does not exist,
     *                            {@link ContainerFailure#ENGINE_ERROR} when it is not running, the engine refuses, or
     *                            the command does not end in time
     */
    public static Result run(DockerClient docker, String containerId, List<String> command, Duration timeout)
            throws ContainerException, InterruptedException {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId).withCmd(command.toArray(new String[0]))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            throw new ContainerException(ContainerFailure.CONTAINER_GONE, "Container " + containerId
                    + " does not exist (any more)", e);
        } catch (DockerException e) {
            throw new ContainerException(ContainerFailure.ENGINE_ERROR, "The Docker Engine could not run "
                    + command.get(0) + " in container " + containerId + ": " + e.getMessage(), e);
        }
        Output output = new Output();
        try (Output o = docker.execStartCmd(execId).exec(output)) {
            if (!o.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContainerException(ContainerFailure.ENGINE_ERROR, command.get(0) + " in container "
                        + containerId + " did not finish within " + Formats.duration(timeout));
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new ContainerException(ContainerFailure.ENGINE_ERROR, "Running " + command.get(0) + " in container "
                    + containerId + " failed: " + e.getMessage(), e);
        }
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new Result(code == null ? -1 : code.intValue(), output.text(output.stdout), output.text(output.stderr));
    }

    /** Collects the exec's frames; payloads are copied at once, since docker-java may reuse their buffer. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            ByteArrayOutputStream target = switch (frame.getStreamType()) {
                case STDERR -> stderr;
                default -> stdout;
            };
            if (target.size() + payload.length <= MAX_OUTPUT_BYTES) {
                target.write(payload, 0, payload.length);
            }
        }

        synchronized String text(ByteArrayOutputStream s) {
            return s.toString(StandardCharsets.UTF_8);
        }
    }
}
