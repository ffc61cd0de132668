package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Defaults for opening registries; the location itself is a {@link RegistryLocation}. */
public final class ModelRegistries {

    private ModelRegistries() {
    }

    /** {@code ~/.mlops/registry}: where the CLI keeps its embedded registry unless told otherwise. */
    public static Path defaultCliLocation() {
        return Path.of(System.getProperty("user.home"), ".mlops", "registry");
    }

    /**
     * Parses and opens in one go, for callers that hold the location only as text (tests, child processes).
     *
     * @throws io.jenkins.plugins.mlops.core.MlopsArgumentException naming {@code registry} when the location
     *         cannot be used
     */
    public static ModelRegistry open(String location, Map<String, String> env) throws IOException {
        return RegistryLocation.parse("registry", location).open(env);
    }
}
