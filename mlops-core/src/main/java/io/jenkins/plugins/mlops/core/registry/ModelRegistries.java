package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.registry.oci.OciLocation;
import io.jenkins.plugins.mlops.core.registry.oci.OciModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a registry from the one string users write: a directory for the embedded store, or
 * {@code oci://host[:port]/prefix} for an OCI registry ({@code oci+http://} / {@code oci+https://} to choose the
 * transport explicitly).
 */
public final class ModelRegistries {

    private ModelRegistries() {
    }

    /** {@code ~/.mlops/registry}: where the CLI keeps its embedded registry unless told otherwise. */
    public static Path defaultCliLocation() {
        return Path.of(System.getProperty("user.home"), ".mlops", "registry");
    }

    /** Whether {@code location} names an OCI registry rather than a directory. */
    public static boolean isOci(String location) {
        return location != null && (location.startsWith("oci://") || location.startsWith("oci+http://")
                || location.startsWith("oci+https://"));
    }

    /**
     * @param location a directory ({@code ~} is expanded) or an {@code oci://} URL
     * @param env      where OCI credentials come from ({@link RegistryCredentials#fromEnvironment(Map)})
     * @throws MlopsArgumentException naming {@code registry} when the location cannot be used
     */
    public static ModelRegistry open(String location, Map<String, String> env) throws IOException {
        checkLocation(location);
        if (isOci(location)) {
            return new OciModelRegistry(OciLocation.parse(location), RegistryCredentials.fromEnvironment(env).orElse(null));
        }
        return new EmbeddedModelRegistry(expandHome(location));
    }

    /**
     * Checks how a location is written, touching nothing, so that a Pipeline step can reject a wrong one before it
     * runs anything.
     *
     * @throws MlopsArgumentException naming {@code registry} when the location is blank, an invalid
     *                                {@code oci://} URL, or uses another scheme
     */
    public static void checkLocation(String location) {
        if (location == null || location.isBlank()) {
            throw new MlopsArgumentException("registry", "give a directory or an oci://host/prefix URL");
        }
        if (isOci(location)) {
            OciLocation.parse(location);
        } else if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new MlopsArgumentException("registry", "'" + location + "' uses an unknown scheme; use a directory"
                    + " or oci://host[:port]/prefix");
        }
    }

    static Path expandHome(String location) {
        if (location.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (location.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), location.substring(2));
        }
        return Path.of(location);
    }
}
