package io.jenkins.plugins.mlops.deploy;

import com.github.dockerjava.api.DockerClient;
import hudson.FilePath;
import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.deploy.Deployer;
import io.jenkins.plugins.mlops.core.deploy.DeploymentException;
import io.jenkins.plugins.mlops.steps.DockerHostCall;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * The end of a deployment's {@code keepPrevious}: once the replaced version's time for an instant rollback is over,
 * its replicas are removed from the Docker host the deployment ran on, without waiting for the service's next
 * deployment (which would remove them too). Scheduled on Jenkins' timer when mlDeploy returns, and run through the
 * workspace's node, whose engine serves the model. What is removed is decided there and then, under the service's
 * lock, from the service's own state: a later deployment or rollback that kept something else is never undone.
 *
 * <p>Best effort by design: the timer does not survive a controller restart, and an agent that is gone at that time
 * cannot be reached. Either way the version stays until the service's next mlDeploy, rollback or
 * {@code mlops undeploy}, as on the command line, where no process outlives the command.
 */
final class KeptVersionExpiry {

    /** Past the kept time, so that the host's clock agrees that it is over. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** How long the removal waits for a deployment of the same service that holds its lock. */
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private KeptVersionExpiry() {
    }

    /**
     * Schedules the removal of what {@code service} keeps until {@code keptUntil}.
     *
     * @param workspace the deployment's workspace: its node reaches the Docker host
     * @param buildEnv  the build's environment, of which only the Docker connection variables are kept
     * @param actor     who removes it, for the service's lock: the build
     */
    static ScheduledFuture<?> schedule(FilePath workspace, String service, Instant keptUntil,
            Map<String, String> buildEnv, String actor) {
        long delay = Math.max(0, Duration.between(Instant.now(), keptUntil).plus(MARGIN).toMillis());
        RemoveExpired call = new RemoveExpired(service, actor, buildEnv);
        return Timer.get().schedule(() -> run(workspace, call), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the removal through the workspace's node. Its outcome is not logged: the build that scheduled it has
     * ended, and what matters is on the Docker host ({@code mlops status}); when it cannot run, the next deployment
     * removes the same.
     *
     * @return the number of containers removed, or -1 when the node or its engine could not be reached
     */
    static int run(FilePath workspace, RemoveExpired call) {
        try {
            return workspace.act(call);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** On the workspace's node: {@link Deployer#removeExpired} on the build's Docker host. */
    static final class RemoveExpired extends DockerHostCall<Integer> {
        private static final long serialVersionUID = 1L;

        private final String service;
        private final String actor;

        RemoveExpired(String service, String actor, Map<String, String> buildEnv) {
            super("mlDeploy", buildEnv);
            this.service = service;
            this.actor = actor;
        }

        @Override
        protected Integer call(DockerClient docker, File workspace)
                throws ContainerException, IOException, InterruptedException {
            try {
                return new Deployer(docker).removeExpired(service, actor, LOCK_TIMEOUT, Map.of(), LogSink.DISCARD);
            } catch (DeploymentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
