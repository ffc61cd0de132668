package io.jenkins.plugins.mlops.core.container;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The host directory that receives a run's outputs. Outputs are unpacked into a sibling staging directory and only
 * moved into place when the whole run succeeded, so a failed run never leaves a half-written output directory.
 * A directory may be replaced only when it is empty or holds the outputs of an earlier run (it has the
 * {@value #MARKER} file), so that a mistyped {@code outputDir} can never wipe a user's files.
 */
public final class OutputDirectory {

    /** Written into every output directory the engine fills; holds the run id. */
    public static final String MARKER = ".mlops-run-id";

    private final Path dir;

    private OutputDirectory(Path dir) {
        this.dir = dir;
    }

    public static OutputDirectory check(Path dir) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new MlopsArgumentException("outputDir", "'" + dir + "' exists and is not a directory");
            }
            if (!isEmpty(dir) && !Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
                throw new MlopsArgumentException("outputDir", "'" + dir + "' already holds files that no earlier run wrote;"
                        + " give an empty or new directory");
            }
        }
        Path parent = dir.getParent();
        if (parent == null) {
            throw new MlopsArgumentException("outputDir", "'" + dir + "' cannot be a file system root");
        }
        return new OutputDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /**
     * A new empty directory beside the output directory (same file system, so the final move is a rename), with the
     * bits of an output directory ({@link OutputModes}).
     */
    public Path createStaging(String runId) throws IOException {
        Files.createDirectories(dir.getParent());
        Path staging = Files.createDirectory(dir.getParent().resolve("." + dir.getFileName() + ".mlops-" + runId));
        OutputModes.set(staging, OutputModes.ofProcess().directory(0755));
        return staging;
    }

    /** Replaces the output directory with the staging directory's contents. */
    public void commit(Path staging, String runId) throws IOException {
        Path marker = staging.resolve(MARKER);
        Files.deleteIfExists(marker);
        Files.writeString(marker, runId + "\n", StandardCharsets.UTF_8);
        OutputModes.ofProcess().applyToFile(marker);
        Path old = null;
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".mlops-old-" + runId);
            move(dir, old);
        }
        move(staging, dir);
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a tree without following links out of it. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // Read-only directories from the archive could not be emptied otherwise.
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new MlopsArgumentException("outputDir", "cannot read '" + dir + "': " + Formats.ioMessage(e));
        }
    }
}
