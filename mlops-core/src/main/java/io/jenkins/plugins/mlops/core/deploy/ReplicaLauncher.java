package io.jenkins.plugins.mlops.core.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.InputManifest;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import io.jenkins.plugins.mlops.core.container.RunResources;
import io.jenkins.plugins.mlops.core.container.TarUpload;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the replicas of one deployment as docs/serving-contract.md says: on the host's network, each on its own
 * loopback port, the model's files copied in through the archive endpoint, unprivileged, limited, restarted by the
 * engine when they crash. Every container is tracked in the caller's {@link RunResources} until the deployment
 * succeeds, so that a failed deployment leaves nothing behind.
 */
final class ReplicaLauncher {

    /** One started replica. */
    record Replica(int index, String containerId, String name, int port) {
    }

    private final DockerClient docker;

    ReplicaLauncher(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @param modelRoot a directory holding {@code mlops/model/...}: the version's verified files
     * @param image     the image id, and after it the reference as the user gave it (for labels)
     */
    List<Replica> start(DeploymentSpec spec, ModelVersion version, String deploymentId, String imageId, String image,
            String alias, Path modelRoot, RunResources resources) throws IOException, InterruptedException {
        ReplicaPorts ports = new ReplicaPorts(docker);
        InputManifest files = InputManifest.ofNamedRoots("version", List.of(modelRoot.resolve("mlops")));
        List<Replica> out = new ArrayList<>();
        for (int i = 0; i < spec.getReplicas(); i++) {
            int port = ports.next();
            String name = DeployLabels.replicaName(spec.getService(), version.getVersion(), deploymentId, i);
            CreateContainerCmd create = docker.createContainerCmd(imageId)
                    .withName(name)
                    .withLabels(labels(spec, version, deploymentId, i, port, imageId, image, alias))
                    .withEnv(env(spec, version, port, i))
                    .withUser(ServingContract.USER)
                    .withHostConfig(hostConfig(spec));
            if (spec.getCommand() != null) {
                create.withCmd(spec.getCommand());
            }
            String id = create.exec().getId();
            resources.addContainer(id);
            TarUpload.upload(docker, id, "/", files::writeTar);
            docker.startContainerCmd(id).exec();
            out.add(new Replica(i, id, name, port));
        }
        return out;
    }

    /**
     * The limits given (a pids limit always), the host's network, least privilege (as every container we start),
     * restarted on a crash. No capability can be given back: the replicas run as an unprivileged user
     * ({@link ServingContract#USER}) with {@code no-new-privileges}, for which Docker's added capabilities would never
     * become effective.
     */
    static HostConfig hostConfig(DeploymentSpec spec) {
        HostConfig host = new ResourceLimits(spec.getCpus(), spec.getMemoryBytes(), null, spec.getGpus(), "host",
                ResourceLimits.pidsLimitOrDefault(spec.getPidsLimit()))
                .hostConfig(List.of())
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        return ContainerPrivileges.leastPrivilege().applyTo(host);
    }

    private Map<String, String> labels(DeploymentSpec spec, ModelVersion version, String deploymentId, int replica,
            int port, String imageId, String image, String alias) {
        Map<String, String> labels = new LinkedHashMap<>(spec.getLabels());
        labels.put(ContainerLabels.MANAGED, ContainerLabels.MANAGED_VALUE);
        labels.put(DeployLabels.SERVICE, spec.getService());
        labels.put(DeployLabels.MODEL, version.getName());
        labels.put(DeployLabels.VERSION, Integer.toString(version.getVersion()));
        labels.put(DeployLabels.ROLE, DeployLabels.ROLE_REPLICA);
        labels.put(DeployLabels.DEPLOYMENT, deploymentId);
        labels.put(DeployLabels.REPLICA, Integer.toString(replica));
        labels.put(DeployLabels.PORT, Integer.toString(port));
        labels.put(DeployLabels.IMAGE, imageId + (image == null || image.equals(imageId) ? "" : " " + image));
        if (version.getDigest() != null) {
            labels.put(DeployLabels.DIGEST, version.getDigest());
        }
        if (alias != null) {
            labels.put(DeployLabels.ALIAS, alias);
        }
        labels.put(DeployLabels.DEPLOYED_BY, spec.getActor() == null ? "unknown" : spec.getActor());
        return labels;
    }

    private static List<String> env(DeploymentSpec spec, ModelVersion version, int port, int replica) {
        List<String> env = new ArrayList<>();
        ServingContract.environment(version.getName(), version.getVersion(), version.getDigest(), port,
                spec.getHealthPath(), spec.getService(), replica, spec.getEnv())
                .forEach((k, v) -> env.add(k + "=" + v));
        return env;
    }
}
