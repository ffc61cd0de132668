package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks that hold across threads and processes (used by the registry backends; not an API for steps). File locks belong to the whole JVM (and on Linux closing
 * any channel of the file drops them), so threads of one JVM first queue on an in-memory lock per file; only the
 * holder opens the lock file.
 */
public final class FileLocks {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** An acquired lock; closing releases it. */
    public static final class Held implements AutoCloseable {
        private final ReentrantLock jvmLock;
        private final FileChannel channel;
        private final FileLock fileLock;

        private Held(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
            this.jvmLock = jvmLock;
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public void close() throws IOException {
            try {
                fileLock.release();
            } finally {
                try {
                    channel.close();
                } finally {
                    jvmLock.unlock();
                }
            }
        }
    }

    /** Blocks until this thread holds {@code lockFile} exclusively (the file is created if missing). */
    public static Held lock(Path lockFile) throws IOException, InterruptedException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        jvm.lockInterruptibly();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl = ch.lock();
            return new Held(jvm, ch, fl);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            jvm.unlock();
            throw e;
        }
    }
}
