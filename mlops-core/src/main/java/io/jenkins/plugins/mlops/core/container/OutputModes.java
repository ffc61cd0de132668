package io.jenkins.plugins.mlops.core.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The permission bits a run's outputs get on the agent. The container's bits are a request from untrusted code (the
 * output directories it writes into are world-writable inside the container, so that any image user can write
 * them): as GNU tar does when an ordinary user extracts, they are narrowed by the process umask, and, unlike tar,
 * group and others never get write whatever the container or the umask say, so that nobody but the build's user can
 * replace the model between training and registration. Directories get 0755, files 0644, or 0755 where the
 * container set an executable bit; a stricter umask narrows further (077 gives 0700 and 0600). Setuid, setgid and
 * sticky bits are dropped. The owner always keeps read and write (and search on directories): the engine must fill
 * them and delete them later. The files are created by this process, so they belong to the build's user.
 */
public final class OutputModes {

    /** Write for group and others, which no output gets. */
    private static final int NO_SHARED_WRITE = 0022;
    private static final List<PosixFilePermission> BITS = List.of(
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ);

    private final int umask;

    /** @param umask the umask to honour, e.g. {@code 022} */
    public OutputModes(int umask) {
        this.umask = umask & 0777;
    }

    /** With this process's umask, read when called (a umask can change while the JVM runs). */
    public static OutputModes ofProcess() throws IOException {
        return new OutputModes(processUmask());
    }

    /** A file's bits from the container's (tar) mode. */
    public int file(int containerMode) {
        return (containerMode & 0777 & ~(umask | NO_SHARED_WRITE)) | 0600;
    }

    /** A directory's bits from the container's (tar) mode. */
    public int directory(int containerMode) {
        return (containerMode & 0777 & ~(umask | NO_SHARED_WRITE)) | 0700;
    }

    /** Gives a file this process wrote itself (a record, a marker) the bits of a plain output file. */
    public void applyToFile(Path file) throws IOException {
        set(file, file(0666));
    }

    /** Sets the bits, without following a link; a file system without POSIX permissions (Windows) is left alone. */
    static void set(Path p, int mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(permissions(mode));
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.size(); bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(BITS.get(bit));
            }
        }
        return perms;
    }

    /**
     * Linux (4.7 and later) states the umask in /proc; elsewhere a file created without asking for permissions shows
     * it: such a file gets 0666 less the umask, and the umask's execute bits are taken to follow its read bits.
     * Without POSIX permissions there is no umask: 0.
     */
    static int processUmask() throws IOException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException notLinux) {
            // probe below
        }
        Path probe = Path.of(System.getProperty("java.io.tmpdir")).resolve(".mlops-umask-" + UUID.randomUUID());
        Files.createFile(probe);
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(probe, PosixFileAttributeView.class);
            if (view == null) {
                return 0;
            }
            int granted = 0;
            for (PosixFilePermission p : view.readAttributes().permissions()) {
                granted |= 1 << BITS.indexOf(p);
            }
            int masked = 0666 & ~granted;
            return masked | ((masked & 0444) >> 2);
        } finally {
            Files.delete(probe);
        }
    }
}
