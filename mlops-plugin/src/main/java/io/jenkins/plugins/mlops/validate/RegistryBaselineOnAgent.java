package io.jenkins.plugins.mlops.validate;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.validate.Baseline;
import io.jenkins.plugins.mlops.core.validate.RegistryBaselines;
import io.jenkins.plugins.mlops.steps.RegistryLocations;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads a registered model's metrics for the gate. Runs on the controller for a directory registry (which lives
 * there) and on the workspace's machine for an OCI registry, where mlRegister talks to it too: that is the machine
 * the build's network access and credentials were set up for.
 */
final class RegistryBaselineOnAgent extends MasterToSlaveFileCallable<Baseline> {
    private static final long serialVersionUID = 1L;

    private final RegistryLocation location;
    private final String compareTo;
    private final String name;
    /** The registry credentials and the model-name variable only. */
    private final HashMap<String, String> env;

    RegistryBaselineOnAgent(RegistryLocation location, String compareTo, String name, Map<String, String> buildEnv) {
        this.location = location;
        this.compareTo = compareTo;
        this.name = name;
        this.env = RegistryLocations.credentials(buildEnv);
        String modelName = buildEnv.get(RegistryBaselines.MODEL_NAME_ENV);
        if (modelName != null) {
            env.put(RegistryBaselines.MODEL_NAME_ENV, modelName);
        }
    }

    @Override
    public Baseline invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return resolve();
    }

    Baseline resolve() throws IOException, InterruptedException {
        try (ModelRegistry registry = location.open(env)) {
            return RegistryBaselines.STEP.resolve(registry, compareTo, name, env);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlValidate: " + e.getMessage());
        } catch (RegistryException e) {
            // Unreachable, refused credentials, damaged record: the gate cannot know its baseline, so it cannot run.
            throw new AbortException("mlValidate: " + e.getMessage());
        }
    }
}
