package io.jenkins.plugins.mlops.steps;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.ContainerSweep;
import io.jenkins.plugins.mlops.core.container.LogCursor;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.container.job.JobPoll;
import io.jenkins.plugins.mlops.core.container.job.JobRunner;
import java.io.File;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The short calls a step makes to the Docker host of a running container job, each on its own (the controller may
 * have restarted between two of them): start, poll, stop for the timeout, remove a step call's objects, list this
 * controller's containers. What the container layer says during a call comes back as {@link Said#messages()} and is
 * printed by the controller, so that it lands in the build log in order with the container's own lines.
 */
public final class JobCalls {

    private JobCalls() {
    }

    /** A call's value and the container layer's messages during it. Plain types: it crosses the channel. */
    public static final class Said<T extends Serializable> implements Serializable {
        private static final long serialVersionUID = 1L;

        private final T value;
        private final ArrayList<String> messages;

        Said(T value, List<String> messages) {
            this.value = value;
            this.messages = new ArrayList<>(messages);
        }

        public T value() {
            return value;
        }

        public List<String> messages() {
            return Collections.unmodifiableList(messages);
        }
    }

    /** Starts the container unless it was started before. */
    public static final class Start extends DockerHostCall<Said<ContainerRunState>> {
        private static final long serialVersionUID = 1L;
        private final JobHandle handle;

        public Start(String function, Map<String, String> env, JobHandle handle) {
            super(function, env);
            this.handle = handle;
        }

        @Override
        protected Said<ContainerRunState> call(DockerClient docker, File workspace) throws ContainerException {
            Messages said = new Messages();
            ContainerRunState status = new JobRunner(docker).start(handle, said);
            return new Said<>(status, said.lines);
        }
    }

    /** The container's state and its log from the cursor. */
    public static final class Poll extends DockerHostCall<JobPoll> {
        private static final long serialVersionUID = 1L;
        private final JobHandle handle;
        private final LogCursor cursor;
        private final int maxLines;

        public Poll(String function, Map<String, String> env, JobHandle handle, LogCursor cursor, int maxLines) {
            super(function, env);
            this.handle = handle;
            this.cursor = cursor;
            this.maxLines = maxLines;
        }

        @Override
        protected JobPoll call(DockerClient docker, File workspace) throws ContainerException, InterruptedException {
            return new JobRunner(docker).poll(handle, cursor, maxLines);
        }
    }

    /** Stops a container that ran past its timeout; the value is the failure's words. */
    public static final class TimeOut extends DockerHostCall<Said<String>> {
        private static final long serialVersionUID = 1L;
        private final JobHandle handle;
        private final long timeoutMillis;

        public TimeOut(String function, Map<String, String> env, JobHandle handle, long timeoutMillis) {
            super(function, env);
            this.handle = handle;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        protected Said<String> call(DockerClient docker, File workspace) {
            Messages said = new Messages();
            ContainerException failure = new JobRunner(docker).timedOut(handle, Duration.ofMillis(timeoutMillis), said);
            return new Said<>(failure.getMessage(), said.lines);
        }
    }

    /**
     * Removes every container and volume of one step call, found by its label (so also what a call that did not
     * get as far as knowing its container created); with {@code stopFirst}, running containers get SIGTERM and
     * the grace period first, as on an abort. The value is how many objects were found.
     */
    public static final class RemoveCall extends DockerHostCall<Said<Integer>> {
        private static final long serialVersionUID = 1L;
        private final String callId;
        private final boolean stopFirst;

        public RemoveCall(String function, Map<String, String> env, String callId, boolean stopFirst) {
            super(function, env);
            this.callId = callId;
            this.stopFirst = stopFirst;
        }

        @Override
        protected Said<Integer> call(DockerClient docker, File workspace) {
            Messages said = new Messages();
            if (stopFirst) {
                ContainerSweep.stop(docker, ContainerLabels.STEP_CALL, callId, said);
            }
            ContainerSweep.Swept swept = ContainerSweep.remove(docker, ContainerLabels.STEP_CALL, callId, said);
            return new Said<>(swept.removed() + swept.failed(), said.lines);
        }
    }

    /** The labels of every container this controller's steps made on the Docker host, for the orphan sweep. */
    public static final class ListOwn extends DockerHostCall<ArrayList<HashMap<String, String>>> {
        private static final long serialVersionUID = 1L;
        private final String controllerId;

        public ListOwn(String function, Map<String, String> env, String controllerId) {
            super(function, env);
            this.controllerId = controllerId;
        }

        @Override
        protected ArrayList<HashMap<String, String>> call(DockerClient docker, File workspace) {
            return ContainerSweep.labelsOf(docker, ContainerLabels.CONTROLLER, controllerId);
        }
    }

    /** Keeps the container layer's messages for the controller to print. */
    static final class Messages implements LogSink {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void line(Stream stream, String line) {
            lines.add(line);
        }

        @Override
        public void info(String message) {
            lines.add(message);
        }
    }
}
