package io.jenkins.plugins.mlops.core.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks the tar stream of a container directory into a host directory, refusing anything that would make us
 * write or read outside it: absolute names, {@code ..}, links whose target (followed the way the operating system
 * would follow it, through other links of the archive) leaves the directory, and entries written through such links.
 * The image is untrusted input here.
 */
public final class OutputArchiveExtractor {

    /** Same bound as Linux's ELOOP: a link chain longer than this is a trap, not a model. */
    private static final int MAX_LINK_HOPS = 40;
    private static final int COPY_BUFFER = 1 << 20;

    private final Path root;
    private final OutputModes modes;
    /** A top-level directory whose links must stay inside it (the model), or null. */
    private final String confined;
    /** Links created so far, by entry name, to be checked again once the tree is complete. */
    private final Map<String, Path> links = new LinkedHashMap<>();
    private final byte[] buffer = new byte[COPY_BUFFER];
    private long files;
    private long bytes;
    private int skipped;

    /** @param root an existing, empty directory; its real path becomes the boundary */
    public OutputArchiveExtractor(Path root) throws IOException {
        this(root, null);
    }

    /**
     * @param confined a top-level directory below {@code root} that must be a real directory and whose links must
     *                 lead inside it, not only inside {@code root}: the model directory, whose links the registry
     *                 stores as the files they point at (the one link rule of train and register)
     */
    public OutputArchiveExtractor(Path root, String confined) throws IOException {
        this(root, confined, OutputModes.ofProcess());
    }

    /** @param modes the permissions the extracted entries get (docs/container-contract.md, "Output permissions") */
    OutputArchiveExtractor(Path root, String confined, OutputModes modes) throws IOException {
        this.root = root.toRealPath();
        this.confined = confined;
        this.modes = modes;
    }

    /**
     * Extracts every entry below {@code top/} (the archive's top-level directory, the basename of the container
     * path) into the root directory.
     *
     * @throws UnsafeOutputException naming the first entry that would escape or cannot be stored
     * @throws InterruptedException when the calling thread is interrupted between two chunks
     */
    public void extract(InputStream tar, String top) throws IOException, UnsafeOutputException, InterruptedException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        TarArchiveEntry entry;
        while ((entry = nextEntry(in)) != null) {
            checkInterrupted();
            List<String> parts = relativeParts(entry.getName(), top);
            if (parts.isEmpty()) {
                if (!entry.isDirectory()) {
                    throw new UnsafeOutputException(entry.getName(), "replaces the output directory with a "
                            + (entry.isSymbolicLink() ? "link" : "file") + "; it must be a directory");
                }
                OutputModes.set(root, modes.directory(entry.getMode()));
                continue;
            }
            if (confined != null && parts.size() == 1 && parts.get(0).equals(confined) && !entry.isDirectory()) {
                throw new UnsafeOutputException(entry.getName(), "replaces the " + confined + " directory with a "
                        + (entry.isSymbolicLink() ? "link" : "file") + "; it must be a directory");
            }
            Path parent = directoryFor(entry.getName(), parts.subList(0, parts.size() - 1));
            Path dest = child(entry.getName(), parent, parts.get(parts.size() - 1));
            if (entry.isDirectory()) {
                makeDirectory(entry, dest);
            } else if (entry.isSymbolicLink()) {
                makeSymbolicLink(entry, parent, dest);
            } else if (entry.isLink()) {
                makeHardLink(entry, dest, top);
            } else if (entry.isFile()) {
                writeFile(entry, in, dest);
            } else {
                // Devices and FIFOs carry no data and cannot be created without privileges.
                skipped++;
            }
        }
        // A link checked on arrival may resolve differently once later entries exist (a/../x where a came
        // later as a link): check every link again against the finished tree.
        for (Map.Entry<String, Path> link : links.entrySet()) {
            Path path = link.getValue();
            checkLink(link.getKey(), path.getParent(), Files.readSymbolicLink(path).toString(), path);
        }
    }

    public long files() {
        return files;
    }

    public long bytes() {
        return bytes;
    }

    /** Entries of kinds that are not stored (devices, FIFOs). */
    public int skipped() {
        return skipped;
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException e) {
            // commons-compress reports some malformed headers this way.
            throw new IOException("malformed tar header: " + e.getMessage(), e);
        }
    }

    private static List<String> relativeParts(String name, String top) throws UnsafeOutputException {
        if (name.startsWith("/")) {
            throw new UnsafeOutputException(name, "has an absolute name");
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.equals("..")) {
                throw new UnsafeOutputException(name, "contains '..'");
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        if (parts.isEmpty() || !parts.get(0).equals(top)) {
            throw new UnsafeOutputException(name, "is not below " + top + "/");
        }
        return parts.subList(1, parts.size());
    }

    /** The directory the entry goes into, creating missing ones; walking through links only when they stay inside. */
    private Path directoryFor(String name, List<String> parts) throws IOException, UnsafeOutputException {
        Path dir = resolveInside(name, root, String.join("/", parts));
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            // resolveInside returned a path free of links, so creating it cannot follow one.
            createDirectories(dir);
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException(name, "is below something that is not a directory");
        }
        return dir;
    }

    /** A directory the archive implies without an entry of its own gets a plain directory's bits. */
    private void createDirectories(Path dir) throws IOException {
        if (!Files.exists(dir.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            createDirectories(dir.getParent());
        }
        Files.createDirectory(dir);
        OutputModes.set(dir, modes.directory(0755));
    }

    private void makeDirectory(TarArchiveEntry entry, Path dest) throws IOException, UnsafeOutputException {
        if (Files.isSymbolicLink(dest)) {
            throw new UnsafeOutputException(entry.getName(), "appears twice (as a link and as a directory)");
        }
        if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dest);
        } else if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException(entry.getName(), "appears twice (as a file and as a directory)");
        }
        OutputModes.set(dest, modes.directory(entry.getMode()));
        setTime(dest, entry);
    }

    private void makeSymbolicLink(TarArchiveEntry entry, Path parent, Path dest) throws IOException, UnsafeOutputException {
        String target = entry.getLinkName();
        if (target == null || target.isEmpty()) {
            throw new UnsafeOutputException(entry.getName(), "is a link without a target");
        }
        if (target.startsWith("/") || isAbsoluteOnHost(target)) {
            throw new UnsafeOutputException(entry.getName(), "is a link to an absolute path (" + target
                    + ") outside the output directory; use a relative link");
        }
        checkLink(entry.getName(), parent, target, dest);
        try {
            Files.createSymbolicLink(dest, Path.of(target));
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeOutputException(entry.getName(), "appears twice");
        } catch (InvalidPathException | UnsupportedOperationException e) {
            throw new UnsafeOutputException(entry.getName(), "is a link that cannot be created here: " + e.getMessage());
        }
        links.put(entry.getName(), dest);
    }

    private void makeHardLink(TarArchiveEntry entry, Path dest, String top) throws IOException, UnsafeOutputException {
        List<String> targetParts;
        try {
            targetParts = relativeParts(entry.getLinkName(), top);
        } catch (UnsafeOutputException e) {
            throw new UnsafeOutputException(entry.getName(), "is a hard link to " + entry.getLinkName()
                    + " outside the output directory");
        }
        Path target = resolveInside(entry.getName(), root, String.join("/", targetParts));
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException(entry.getName(), "is a hard link to " + entry.getLinkName()
                    + ", which is not a file extracted before it");
        }
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeOutputException(entry.getName(), "appears twice");
        }
        try {
            Files.createLink(dest, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        files++;
    }

    private void writeFile(TarArchiveEntry entry, InputStream in, Path dest)
            throws IOException, UnsafeOutputException, InterruptedException {
        OutputStream out;
        try {
            // CREATE_NEW fails on anything already there, dangling links included: we never write through a link.
            out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeOutputException(entry.getName(), "appears twice");
        }
        try (out) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                bytes += n;
                checkInterrupted();
            }
        }
        OutputModes.set(dest, modes.file(entry.getMode()));
        setTime(dest, entry);
        files++;
    }

    /** A link must resolve inside the root, and a link inside the confined directory inside that directory. */
    private void checkLink(String name, Path parent, String target, Path link) throws IOException, UnsafeOutputException {
        Path confinedDir = confined == null ? null : root.resolve(confined);
        if (confinedDir != null && link.startsWith(confinedDir) && !link.equals(confinedDir)) {
            try {
                resolveInside(name, parent, target, confinedDir);
            } catch (UnsafeOutputException outside) {
                throw new UnsafeOutputException(name, "is a link (to " + target + ") that leads outside the " + confined
                        + " directory; a link inside the " + confined + " must point at a file or directory inside"
                        + " it, because the registry stores the file a link points at");
            }
        } else {
            resolveInside(name, parent, target);
        }
    }

    private Path resolveInside(String name, Path start, String relative) throws IOException, UnsafeOutputException {
        return resolveInside(name, start, relative, root);
    }

    /**
     * Follows {@code relative} from {@code start} one component at a time as the kernel would, expanding links
     * found on disk, and fails as soon as the walk leaves {@code boundary}. Returns a path free of links.
     */
    private Path resolveInside(String name, Path start, String relative, Path boundary)
            throws IOException, UnsafeOutputException {
        Deque<String> pending = new ArrayDeque<>(Arrays.asList(relative.split("/")));
        Path current = start;
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (current.equals(boundary)) {
                    throw new UnsafeOutputException(name, "leads outside the output directory (via '" + relative + "')");
                }
                current = current.getParent();
                continue;
            }
            Path next = child(name, current, part);
            if (Files.isSymbolicLink(next)) {
                if (++hops > MAX_LINK_HOPS) {
                    throw new UnsafeOutputException(name, "goes through more than " + MAX_LINK_HOPS + " links");
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/") || isAbsoluteOnHost(target)) {
                    throw new UnsafeOutputException(name, "leads outside the output directory (through a link to " + target + ")");
                }
                List<String> expanded = Arrays.asList(target.split("/"));
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    pending.addFirst(expanded.get(i));
                }
            } else {
                current = next;
            }
        }
        return current;
    }

    /** One path component below {@code dir}; rejects names the host would read as more than one component. */
    private static Path child(String name, Path dir, String part) throws UnsafeOutputException {
        Path p;
        try {
            p = dir.resolve(part);
        } catch (InvalidPathException e) {
            throw new UnsafeOutputException(name, "has a name this host cannot store: " + e.getMessage());
        }
        if (!dir.equals(p.getParent()) || !part.equals(String.valueOf(p.getFileName()))) {
            throw new UnsafeOutputException(name, "has a component this host reads as a path: '" + part + "'");
        }
        return p;
    }

    private static boolean isAbsoluteOnHost(String target) {
        try {
            return Path.of(target).isAbsolute() || Path.of(target).getRoot() != null;
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private static void setTime(Path p, TarArchiveEntry entry) throws IOException {
        if (entry.getModTime() != null) {
            Files.setLastModifiedTime(p, FileTime.from(entry.getModTime().toInstant()));
        }
    }

    private static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("output copy interrupted");
        }
    }
}
