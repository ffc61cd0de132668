package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.mlops.core.container.LabelledContainers;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.RunResources;
import io.jenkins.plugins.mlops.core.deploy.proxy.HaproxyRuntime;
import io.jenkins.plugins.mlops.core.deploy.proxy.ProxyException;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * The replicas one deployment started: the same version, image and deployment id, one container per replica, read
 * back from their labels.
 */
record ReplicaSet(String deploymentId, String model, int version, String imageId, String image, String alias,
                  String deployedBy, List<Container> containers) {

    static ReplicaSet of(String deploymentId, List<Container> containers) {
        List<Container> sorted = containers.stream()
                .sorted(Comparator.comparingInt(c -> intLabel(c, DeployLabels.REPLICA))).toList();
        Container first = sorted.get(0);
        String image = LabelledContainers.label(first, DeployLabels.IMAGE);
        String imageId = image == null ? first.getImageId() : image.split(" ", 2)[0];
        return new ReplicaSet(deploymentId, LabelledContainers.label(first, DeployLabels.MODEL),
                intLabel(first, DeployLabels.VERSION), imageId,
                image != null && image.contains(" ") ? image.split(" ", 2)[1] : imageId,
                LabelledContainers.label(first, DeployLabels.ALIAS), LabelledContainers.label(first, DeployLabels.DEPLOYED_BY),
                sorted);
    }

    List<String> names() {
        return containers.stream().map(LabelledContainers::name).toList();
    }

    List<Integer> ports() {
        return containers.stream().map(c -> intLabel(c, DeployLabels.PORT)).toList();
    }

    /** Whether every replica's container is running (the restart policy brings crashed ones back). */
    boolean running() {
        return containers.stream().allMatch(c -> "running".equals(c.getState()));
    }

    static int intLabel(Container c, String key) {
        String v = LabelledContainers.label(c, key);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Takes {@code set} out of the proxy (a drained server it still knows would only be health-checked in vain) and
     * removes its containers.
     *
     * @param runtime the service's proxy, or null when it has none any more
     */
    static void remove(DockerClient docker, HaproxyRuntime runtime, ReplicaSet set, LogSink log)
            throws IOException, InterruptedException {
        for (String name : runtime == null ? List.<String>of() : set.names()) {
            try {
                runtime.remove(name);
            } catch (ProxyException e) {
                log.info("The proxy did not let go of " + name + ": " + e.getMessage());
            }
        }
        RunResources resources = new RunResources(docker, log);
        set.containers().forEach(c -> resources.addContainer(c.getId()));
        resources.removeAll();
    }
}
