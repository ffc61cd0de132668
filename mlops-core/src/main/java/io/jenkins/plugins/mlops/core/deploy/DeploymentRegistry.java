package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a deployment needs of the model registry: find the version, copy its verified files, read the model's
 * history, move an alias, record the deployment. A {@link ModelRegistry} opened where the deployment runs gives all of
 * it ({@link #of}); where the registry is on another machine than the Docker host (a Jenkins controller's directory
 * registry, a deployment on an agent), a {@link StagedRegistry} answers from what was read beforehand and keeps the
 * writes for the registry's own machine to apply.
 */
public interface DeploymentRegistry {

    /** For messages: a directory or an {@code oci://} URL. */
    String location();

    ModelVersion resolve(String name, String reference) throws IOException, InterruptedException;

    ModelVersion get(String name, int version) throws IOException, InterruptedException;

    /** Writes the version's files into {@code targetDir}, every digest verified. */
    ModelVersion pull(String name, int version, Path targetDir) throws IOException, InterruptedException;

    /** The model's alias moves and deployments. */
    AliasHistory history(String name) throws IOException, InterruptedException;

    default List<DeploymentEvent> deployments(String name, String service) throws IOException, InterruptedException {
        return history(name).deployments().stream().filter(d -> service == null || d.getService().equals(service))
                .toList();
    }

    AliasEvent setAlias(String name, String alias, int version, boolean force, String actor)
            throws IOException, InterruptedException;

    AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException;

    void recordDeployment(String name, DeploymentEvent deployment) throws IOException, InterruptedException;

    /** A registry opened on this machine. */
    static DeploymentRegistry of(ModelRegistry registry) {
        return new DeploymentRegistry() {
            @Override
            public String location() {
                return registry.location();
            }

            @Override
            public ModelVersion resolve(String name, String reference) throws IOException, InterruptedException {
                return registry.resolve(name, reference);
            }

            @Override
            public ModelVersion get(String name, int version) throws IOException, InterruptedException {
                return registry.get(name, version);
            }

            @Override
            public ModelVersion pull(String name, int version, Path targetDir) throws IOException, InterruptedException {
                return registry.pull(name, Integer.toString(version), targetDir);
            }

            @Override
            public AliasHistory history(String name) throws IOException, InterruptedException {
                return registry.history(name);
            }

            @Override
            public AliasEvent setAlias(String name, String alias, int version, boolean force, String actor)
                    throws IOException, InterruptedException {
                return registry.setAlias(name, alias, version, force, actor);
            }

            @Override
            public AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException {
                return registry.rollback(name, alias, actor);
            }

            @Override
            public void recordDeployment(String name, DeploymentEvent deployment)
                    throws IOException, InterruptedException {
                registry.recordDeployment(name, deployment);
            }
        };
    }
}
