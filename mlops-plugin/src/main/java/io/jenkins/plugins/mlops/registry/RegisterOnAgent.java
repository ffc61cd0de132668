package io.jenkins.plugins.mlops.registry;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Registers a model where it is. For an OCI registry this runs on the machine that holds the workspace, so the
 * model's bytes go from the agent straight to the registry, never through the controller; for a directory registry
 * the execution calls {@link #register} on the controller, where the directory is.
 */
final class RegisterOnAgent extends MasterToSlaveFileCallable<ModelVersion> {
    private static final long serialVersionUID = 1L;

    private final RegistrationRequest request;
    private final RegistryLocation location;
    /** The registry credentials only (they cross the channel as withCredentials' variables do for sh). */
    private final HashMap<String, String> credentials;

    /** @param request its model path is relative to the workspace, or absolute on the machine it runs on */
    RegisterOnAgent(RegistrationRequest request, RegistryLocation location, Map<String, String> buildEnv) {
        this.request = request;
        this.location = location;
        this.credentials = RegistryLocations.credentials(buildEnv);
    }

    @Override
    public ModelVersion invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        String path = workspace.toPath().resolve(request.getModelPath()).toString();
        return register(request, path, location, credentials);
    }

    /** Registers {@code request} with the model at {@code modelPath}; failures say what and why, never secrets. */
    static ModelVersion register(RegistrationRequest request, String modelPath, RegistryLocation location,
            Map<String, String> credentials) throws IOException, InterruptedException {
        RegistrationRequest here = RegistrationRequest.builder().name(request.getName()).modelPath(modelPath)
                .aliases(request.getAliases()).force(request.isForce()).metrics(request.getMetrics())
                .params(request.getParams()).gate(request.getGate()).lineage(request.getLineage()).build();
        try (ModelRegistry registry = location.open(credentials)) {
            return registry.register(here);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        } catch (RegistryException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        }
    }
}
