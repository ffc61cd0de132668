package io.jenkins.plugins.mlops.core.container;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The files of host inputs (data or a model) as they will appear in the container, listed before anything is
 * created so that an unreadable input fails the run early, then written as one tar stream with a digest of names
 * and contents.
 *
 * <p>Links on the host are followed (as {@code cp -L} would): a data directory that links to a shared dataset sends
 * the dataset, not a link that would dangle inside the container.
 */
public final class InputManifest {

    /** One file or directory; {@code name} is relative to the container directory it lands in. */
    public record Entry(String name, Path source, boolean directory, long size, boolean executable, FileTime modified) {
    }

    private static final int COPY_BUFFER = 1 << 20;

    private final List<Entry> entries;

    private InputManifest(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Each root under its own file name, roots sorted by name so that the digest does not depend on their order. */
    public static InputManifest ofNamedRoots(String argument, List<Path> roots) {
        List<Entry> entries = new ArrayList<>();
        roots.stream().sorted(Comparator.comparing(r -> r.getFileName().toString()))
                .forEach(r -> walk(argument, r, r.getFileName().toString(), entries, new HashSet<>()));
        return new InputManifest(entries);
    }

    /** A model directory contributes its contents; a model file contributes itself under its own name. */
    public static InputManifest ofModel(String argument, Path model) {
        List<Entry> entries = new ArrayList<>();
        if (Files.isDirectory(model)) {
            Set<Object> ancestors = new HashSet<>();
            ancestors.add(fileKey(argument, model));
            for (Path child : children(argument, model)) {
                walk(argument, child, child.getFileName().toString(), entries, ancestors);
            }
        } else {
            walk(argument, model, model.getFileName().toString(), entries, new HashSet<>());
        }
        return new InputManifest(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public long totalBytes() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    public long fileCount() {
        return entries.stream().filter(e -> !e.directory()).count();
    }

    /**
     * Writes the entries as a tar stream (root-owned, world-readable, so any user in the image can read them) and
     * returns {@code sha256:<hex>} over each entry's kind, name and contents, in order.
     */
    public String writeTar(OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[COPY_BUFFER];
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            digest.update((byte) (e.directory() ? 'D' : 'F'));
            digest.update(name);
            digest.update((byte) 0);
            TarArchiveEntry t = new TarArchiveEntry(e.directory() ? e.name() + "/" : e.name());
            t.setMode(e.directory() ? 040755 : e.executable() ? 0100755 : 0100644);
            t.setModTime(e.modified());
            t.setIds(0, 0);
            if (!e.directory()) {
                t.setSize(e.size());
                digest.update(longBytes(e.size()));
            }
            tar.putArchiveEntry(t);
            if (!e.directory()) {
                copyExactly(e, tar, digest, buffer);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void copyExactly(Entry e, OutputStream out, MessageDigest digest, byte[] buffer) throws IOException {
        long left = e.size();
        try (InputStream in = Files.newInputStream(e.source())) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException(e.source() + " shrank while it was being copied");
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                left -= n;
            }
            if (in.read() != -1) {
                throw new IOException(e.source() + " grew while it was being copied");
            }
        }
    }

    private static void walk(String argument, Path p, String name, List<Entry> out, Set<Object> ancestors) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new MlopsArgumentException(argument, "cannot read '" + p + "' (a dangling link?): " + Formats.ioMessage(e));
        }
        if (attrs.isDirectory()) {
            Object key = attrs.fileKey() != null ? attrs.fileKey() : p.toAbsolutePath().normalize();
            if (!ancestors.add(key)) {
                throw new MlopsArgumentException(argument, "'" + p + "' links back to one of its parent directories");
            }
            out.add(new Entry(name, p, true, 0, false, attrs.lastModifiedTime()));
            for (Path child : children(argument, p)) {
                walk(argument, child, name + "/" + child.getFileName(), out, ancestors);
            }
            ancestors.remove(key);
        } else if (attrs.isRegularFile()) {
            if (!Files.isReadable(p)) {
                throw new MlopsArgumentException(argument, "'" + p + "' is not readable");
            }
            out.add(new Entry(name, p, false, attrs.size(), Files.isExecutable(p), attrs.lastModifiedTime()));
        } else {
            throw new MlopsArgumentException(argument, "'" + p + "' is neither a file nor a directory");
        }
    }

    private static List<Path> children(String argument, Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted(Comparator.comparing(c -> c.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new MlopsArgumentException(argument, "cannot list '" + dir + "': " + Formats.ioMessage(e));
        }
    }

    private static Object fileKey(String argument, Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return key != null ? key : p.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new MlopsArgumentException(argument, "cannot read '" + p + "': " + Formats.ioMessage(e));
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
