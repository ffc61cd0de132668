package io.jenkins.plugins.mlops.core.registry.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private working directories for registrations in progress ({@code <root>/tmp/<uuid>}). Each one is held by a
 * file lock for as long as its registration runs; the operating system drops the lock when the process dies, so a
 * directory whose lock can be taken belongs to a crashed registration and can be deleted.
 */
final class StagingArea {

    /** Staging directories of this JVM: never probed, because closing a probe channel would drop their lock. */
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final String LOCK_FILE = ".lock";

    private final Path tmp;

    StagingArea(Path tmp) {
        this.tmp = tmp;
    }

    /** One registration's working directory; closing deletes it. */
    static final class Staging implements AutoCloseable {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Staging(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        Path dir() {
            return dir;
        }

        @Override
        public void close() throws IOException {
            try {
                deleteTree(dir);
            } finally {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    ACTIVE.remove(dir);
                }
            }
        }
    }

    Staging create() throws IOException {
        Files.createDirectories(tmp);
        Path dir = tmp.resolve(UUID.randomUUID().toString()).toAbsolutePath().normalize();
        ACTIVE.add(dir);
        try {
            Files.createDirectory(dir);
            FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new IOException("Cannot lock new staging directory " + dir);
            }
            return new Staging(dir, ch, lock);
        } catch (IOException | RuntimeException e) {
            ACTIVE.remove(dir);
            deleteTree(dir);
            throw e;
        }
    }

    /**
     * Deletes staging directories left by crashed registrations. {@code minAge} covers the moment between creating
     * a directory and locking it, when it looks abandoned but is not.
     *
     * @return how many directories were removed
     */
    int removeStale(Duration minAge) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return 0;
        }
        int removed = 0;
        Instant cutoff = Instant.now().minus(minAge);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
            for (Path entry : entries) {
                Path dir = entry.toAbsolutePath().normalize();
                if (ACTIVE.contains(dir)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(dir).toInstant().isAfter(cutoff)) {
                        continue;
                    }
                    if (!Files.isDirectory(dir)) {
                        Files.deleteIfExists(dir);
                        removed++;
                    } else if (removeIfAbandoned(dir)) {
                        removed++;
                    }
                } catch (NoSuchFileException gone) {
                    // another cleaner was faster
                }
            }
        }
        return removed;
    }

    private static boolean removeIfAbandoned(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            deleteTree(dir);
            return true;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            deleteTree(dir);
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException busyOrGone) {
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
