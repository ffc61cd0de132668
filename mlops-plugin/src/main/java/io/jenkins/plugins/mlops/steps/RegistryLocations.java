package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.RegistryCredentials;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Which registry a step uses, and what of the build's environment it may see. The default is a directory under
 * {@code JENKINS_HOME}: a registry every job of the controller shares without any setup, kept with the builds that
 * registered into it.
 */
public final class RegistryLocations {

    /** Names the registry for every step of a build that does not give {@code registry:}; set it with withEnv. */
    public static final String REGISTRY_ENV = "MLOPS_REGISTRY";
    /** The embedded registry's directory under JENKINS_HOME. */
    public static final String DEFAULT_DIRECTORY = "mlops-registry";

    private RegistryLocations() {
    }

    /**
     * {@code registry:} if given, else {@value #REGISTRY_ENV} from the build's environment, else
     * {@code $JENKINS_HOME/mlops-registry}.
     *
     * @throws MlopsArgumentException naming {@code registry} (or the variable) when none can be found or the one
     *                                found is malformed
     */
    /**
     * How a build record names the registry: the controller's default registry as {@code $JENKINS_HOME/mlops-registry}
     * (the absolute path of the controller's home is no use to someone reading a build page, and differs between a
     * controller and its restored backup), any other location as it was given.
     */
    public static String forRecords(RegistryLocation location, Map<String, String> env) {
        String home = env.get("JENKINS_HOME");
        if (location instanceof RegistryLocation.Directory d && home != null && !home.isBlank()) {
            java.nio.file.Path h = java.nio.file.Path.of(home).toAbsolutePath().normalize();
            java.nio.file.Path p = d.path().toAbsolutePath().normalize();
            if (p.startsWith(h)) {
                String rest = h.relativize(p).toString().replace(File.separatorChar, '/');
                return "$JENKINS_HOME" + (rest.isEmpty() ? "" : "/" + rest);
            }
        }
        return location.text();
    }

    public static RegistryLocation forBuild(RegistryLocation argument, Map<String, String> env) {
        if (argument != null) {
            return argument;
        }
        String fromEnv = env.get(REGISTRY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return RegistryLocation.parse("registry", fromEnv);
            } catch (MlopsArgumentException e) {
                throw new MlopsArgumentException(REGISTRY_ENV, "'" + fromEnv + "' from the build's environment cannot"
                        + " be used: " + e.getMessage());
            }
        }
        String home = env.get("JENKINS_HOME");
        if (home == null || home.isBlank()) {
            throw new MlopsArgumentException("registry", "none given, " + REGISTRY_ENV + " is not set and JENKINS_HOME"
                    + " is not in the build's environment; give registry: a directory on the controller or"
                    + " oci://host/prefix");
        }
        return new RegistryLocation.Directory(new File(home, DEFAULT_DIRECTORY).getPath());
    }

    /**
     * Only the two credential variables, for handing to the registry (on an agent too): the rest of the build's
     * environment has no business crossing the channel.
     */
    public static HashMap<String, String> credentials(Map<String, String> env) {
        HashMap<String, String> out = new HashMap<>();
        for (String key : new String[] {RegistryCredentials.USERNAME_ENV, RegistryCredentials.PASSWORD_ENV}) {
            String v = env.get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }
}
