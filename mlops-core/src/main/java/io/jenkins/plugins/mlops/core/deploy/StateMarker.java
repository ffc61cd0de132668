package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a service's state container: created, never started, its labels saying which deployment serves and which
 * is kept for a rollback until when. Labels cannot change, so every switch replaces the container; that happens
 * under the service's lock, so no reader of the labels ever races a writer of them.
 */
final class StateMarker {

    private StateMarker() {
    }

    /**
     * @param previous the deployment kept for a rollback, or null
     * @param until    until when it is kept; null with no previous
     */
    static void write(DockerClient docker, String imageId, String service, String model, String active,
            String previous, Instant until, Map<String, String> extraLabels) {
        Map<String, String> labels = new LinkedHashMap<>(extraLabels);
        labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        labels.put(DeployLabels.SERVICE, service);
        labels.put(DeployLabels.MODEL, model);
        labels.put(DeployLabels.ROLE, DeployLabels.ROLE_STATE);
        labels.put(DeployLabels.ACTIVE, active);
        labels.put(DeployLabels.SINCE, Instant.now().toString());
        if (previous != null && until != null) {
            labels.put(DeployLabels.PREVIOUS, previous);
            labels.put(DeployLabels.PREVIOUS_UNTIL, until.toString());
        }
        remove(docker, service);
        docker.createContainerCmd(imageId).withName(DeployLabels.stateName(service)).withLabels(labels)
                .withEntrypoint("/mlops-never-started").withCmd(List.of()).withNetworkDisabled(true)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec();
    }

    static void remove(DockerClient docker, String service) {
        try {
            docker.removeContainerCmd(DeployLabels.stateName(service)).withForce(true).exec();
        } catch (NotFoundException e) {
            // none yet
        }
    }
}
