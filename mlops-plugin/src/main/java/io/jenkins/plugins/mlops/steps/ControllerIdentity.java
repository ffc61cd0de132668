package io.jenkins.plugins.mlops.steps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * Which Jenkins controller this is, as the containers its steps start say it
 * ({@link io.jenkins.plugins.mlops.core.container.ContainerLabels#CONTROLLER}): a random id written once into the
 * controller's home directory and read from there ever after, so it survives restarts and upgrades, and two
 * controllers sharing a Docker host (even with the same home path on different machines) never take each other's
 * containers for their own. Runs on the controller.
 */
public final class ControllerIdentity {

    static final String FILE = "io.jenkins.plugins.mlops.controller-id";

    private ControllerIdentity() {
    }

    /**
     * @param env the build's environment; Jenkins puts {@code JENKINS_HOME} there for every build
     * @return the id, or null when the home directory is unknown or cannot be written (then no container is
     *         labelled with a controller, and the orphan sweep leaves them all alone)
     */
    public static String of(Map<String, String> env) {
        String home = env.get("JENKINS_HOME");
        if (home == null || home.isBlank()) {
            return null;
        }
        Path file = Path.of(home, FILE);
        try {
            if (!Files.exists(file)) {
                try {
                    Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    // Another step made it first: read theirs.
                }
            }
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }
}
