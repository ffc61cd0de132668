package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * SHA-256 digests in the OCI form {@code sha256:<64 lowercase hex>}, computed while bytes are copied so that a
 * model is read once: hashing and writing run on two threads over two alternating buffers, so a registration costs
 * about as much as a plain copy.
 */
public final class Digests {

    /** Big enough that per-call overhead vanishes, small enough for two of them per copy. */
    static final int CHUNK = 4 * 1024 * 1024;
    /** How much a durable copy writes before it asks the disk to catch up. */
    static final long FLUSH_EVERY = 64L * 1024 * 1024;
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    /** A digest and the number of bytes it covers. */
    public record Hashed(String digest, long size) {
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code sha256:<hex>} of a finished digest. */
    public static String format(MessageDigest md) {
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        MessageDigest md = newSha256();
        md.update(bytes);
        return format(md);
    }

    /** Hashes a file without keeping it in memory. */
    public static Hashed sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[CHUNK];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new Hashed(format(md), size);
    }

    public static boolean isSha256(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** The 64 hex characters of a {@code sha256:} digest. */
    public static String hex(String digest) {
        if (!isSha256(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    /**
     * Copies {@code source} to a new file {@code target} and hashes exactly the bytes written. With {@code fsync}
     * the target is on disk when this returns.
     */
    public static Hashed copy(Path source, Path target, boolean fsync) throws IOException, InterruptedException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            boolean small = in.size() <= CHUNK;
            return copy(buf -> {
                int total = 0;
                int n;
                while (buf.hasRemaining() && (n = in.read(buf)) > 0) {
                    total += n;
                }
                return total;
            }, target, fsync, !small, true, false);
        }
    }

    /** Copies a stream (a download) to a new file while hashing it; returns digest and size. */
    public static Hashed copy(InputStream in, Path target, boolean fsync) throws IOException, InterruptedException {
        return copy(buf -> {
            int n = in.readNBytes(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.position(buf.position() + n);
            return n;
        }, target, fsync, true, false, true);
    }

    /** Fills a buffer as far as the source allows; returns the bytes added, 0 at the end. */
    @FunctionalInterface
    private interface Filler {
        int fill(ByteBuffer buf) throws IOException;
    }

    /**
     * @param hashOnWriter hash on the writer thread instead of the reading one: right for network streams, whose
     *                     reading is the slow part, wrong for files, whose writing (and flushing) is
     */
    private static Hashed copy(Filler in, Path target, boolean fsync, boolean pipelined, boolean direct,
            boolean hashOnWriter) throws IOException, InterruptedException {
        MessageDigest md = newSha256();
        long size;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (pipelined) {
                size = pipelinedCopy(in, out, md, fsync, direct, hashOnWriter);
            } else {
                // One chunk: a writer thread would cost more than it saves.
                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                size = 0;
                int n;
                while ((n = in.fill(buf)) > 0) {
                    buf.flip();
                    md.update(buf.duplicate());
                    writeFully(out, buf);
                    buf.clear();
                    size += n;
                }
            }
            if (fsync) {
                out.force(true);
            }
        }
        return new Hashed(format(md), size);
    }

    /**
     * The caller fills one buffer while a writer thread writes the other; one of the two also hashes. With
     * {@code fsync} a third thread flushes every {@link #FLUSH_EVERY} bytes, so that the disk works while the next
     * chunks are hashed and the final fsync finds little left to do.
     */
    private static long pipelinedCopy(Filler in, FileChannel out, MessageDigest md, boolean fsync, boolean direct,
            boolean hashOnWriter) throws IOException, InterruptedException {
        ByteBuffer[] bufs = direct ? new ByteBuffer[] {ByteBuffer.allocateDirect(CHUNK), ByteBuffer.allocateDirect(CHUNK)}
                : new ByteBuffer[] {ByteBuffer.allocate(CHUNK), ByteBuffer.allocate(CHUNK)};
        @SuppressWarnings("unchecked")
        Future<Void>[] writes = new Future[2];
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> daemon(r, "mlops-registry-writer"));
        ExecutorService flusher = fsync ? Executors.newSingleThreadExecutor(r -> daemon(r, "mlops-registry-flusher")) : null;
        @SuppressWarnings("unchecked")
        Future<Void>[] flush = new Future[1];
        long[] unflushed = {0};
        long size = 0;
        try {
            for (int i = 0; ; i = 1 - i) {
                await(writes[i]);
                ByteBuffer buf = bufs[i];
                buf.clear();
                in.fill(buf);
                buf.flip();
                if (!buf.hasRemaining()) {
                    break;
                }
                size += buf.remaining();
                if (!hashOnWriter) {
                    update(md, buf);
                }
                writes[i] = writer.submit(() -> {
                    if (hashOnWriter) {
                        update(md, buf);
                    }
                    unflushed[0] += buf.remaining();
                    writeFully(out, buf);
                    if (flusher != null && unflushed[0] >= FLUSH_EVERY && (flush[0] == null || flush[0].isDone())) {
                        await(flush[0]);
                        flush[0] = flusher.submit(() -> {
                            out.force(false);
                            return null;
                        });
                        unflushed[0] = 0;
                    }
                    return null;
                });
            }
            await(writes[0]);
            await(writes[1]);
            await(flush[0]);
            return size;
        } finally {
            writer.shutdownNow();
            if (flusher != null) {
                flusher.shutdownNow();
            }
        }
    }

    private static void update(MessageDigest md, ByteBuffer buf) {
        if (buf.hasArray()) {
            md.update(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        } else {
            md.update(buf.duplicate());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void await(Future<Void> f) throws IOException, InterruptedException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
