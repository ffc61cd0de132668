package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks and creates the directory a pull writes into; shared by both backends. */
public final class PullTarget {

    private PullTarget() {
    }

    /** @throws MlopsArgumentException naming {@code to} when the directory exists and is not empty */
    public static Path prepare(Path targetDir) throws IOException {
        Path target = targetDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new MlopsArgumentException("to", target + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new MlopsArgumentException("to", target + " is not empty; pull into a new or empty directory");
                }
            }
        }
        Files.createDirectories(target);
        return target;
    }
}
