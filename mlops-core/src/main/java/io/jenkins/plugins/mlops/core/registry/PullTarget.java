package io.jenkins.plugins.mlops.core.registry;

import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks and creates the directory a pull writes into, and writes the files; shared by both backends. */
public final class PullTarget {

    /** Copies one stored file into {@code part} and throws when its digest does not match the record. */
    @FunctionalInterface
    public interface VerifiedCopy {
        void copy(ModelFile file, Path part) throws IOException, InterruptedException;
    }

    private PullTarget() {
    }

    /**
     * Writes every file of {@code version} into {@code targetDir} (see {@link #prepare}): each goes to a part file
     * first and gets its name only once verified, and when any file fails, everything written so far is deleted,
     * so a pull leaves either the whole version or nothing.
     */
    public static void writeAll(ModelVersion version, Path targetDir, VerifiedCopy copy)
            throws IOException, InterruptedException {
        try {
            write(version, targetDir, copy);
        } catch (java.nio.file.FileSystemException e) {
            throw FileErrors.failure("pull " + version.getName() + " v" + version.getVersion() + " into "
                    + targetDir.toAbsolutePath().normalize(), e);
        }
    }

    private static void write(ModelVersion version, Path targetDir, VerifiedCopy copy)
            throws IOException, InterruptedException {
        Path target = prepare(targetDir);
        List<Path> written = new ArrayList<>();
        boolean ok = false;
        try {
            for (ModelFile f : version.getFiles()) {
                Path dest = ModelSource.resolveInside(target, f.getPath());
                Files.createDirectories(dest.getParent());
                Path part = dest.resolveSibling(dest.getFileName() + ".part-" + UUID.randomUUID());
                written.add(part);
                copy.copy(f, part);
                Files.move(part, dest, StandardCopyOption.ATOMIC_MOVE);
                written.add(dest);
            }
            ok = true;
        } finally {
            if (!ok) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
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
