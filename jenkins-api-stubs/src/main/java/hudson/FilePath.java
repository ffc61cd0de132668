package hudson;

import hudson.remoting.VirtualChannel;
import hudson.util.DirScanner;
import hudson.util.FileVisitor;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stand-in for Jenkins core's {@code hudson.FilePath} (jenkins-2.479.3), limited to local paths: a stub
 * {@code FilePath} never has a remoting channel, so {@link #act} runs the callable in the calling thread on
 * {@code new File(getRemote())} — which is what the real class does for a path on the controller.
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public FilePath(FilePath base, String rel) {
        this.remote = new File(rel).isAbsolute() ? rel : base.remote + File.separatorChar + rel;
    }

    /** The path as the node that holds it spells it. */
    public String getRemote() {
        return remote;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    /**
     * Runs the callable where the file is. The real class passes its local channel as the second argument; no
     * callable in this project reads it, and the stub has none, so it passes {@code null}.
     */
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), null);
    }

    /** Just the file name: {@code foo.txt} for {@code ../abc/foo.txt}. */
    public String getName() {
        String r = remote;
        if (r.endsWith("\\") || r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        int len = r.length() - 1;
        while (len >= 0) {
            char ch = r.charAt(len);
            if (ch == '\\' || ch == '/') {
                break;
            }
            len--;
        }
        return r.substring(len + 1);
    }

    public boolean exists() throws IOException, InterruptedException {
        return new File(remote).exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return new File(remote).isDirectory();
    }

    /** Whether the file is on another machine (an agent). A stand-in path is always on this one. */
    public boolean isRemote() {
        return false;
    }

    /**
     * Copies what {@code scanner} finds under this path into the {@code target} directory and returns how many
     * files (and links) it copied. Jenkins streams a tar between machines; both stand-in paths are local, which
     * Jenkins copies file by file, keeping attributes and recreating symbolic links as links — as done here.
     */
    public int copyRecursiveTo(final DirScanner scanner, final FilePath target, final String description)
            throws IOException, InterruptedException {
        File base = new File(remote);
        if (!base.exists()) {
            return 0;
        }
        File dest = new File(target.remote);
        AtomicInteger count = new AtomicInteger();
        scanner.scan(base, new FileVisitor() {
            @Override
            public void visit(File f, String relativePath) throws IOException {
                if (f.isFile()) {
                    Path to = new File(dest, relativePath).toPath();
                    Files.createDirectories(to.getParent());
                    Files.copy(f.toPath(), to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                    count.incrementAndGet();
                }
            }

            @Override
            public boolean understandsSymlink() {
                return true;
            }

            @Override
            public void visitSymlink(File link, String linkTarget, String relativePath) throws IOException {
                Path to = new File(dest, relativePath).toPath();
                Files.createDirectories(to.getParent());
                Files.deleteIfExists(to);
                Files.createSymbolicLink(to, Path.of(linkTarget));
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    @Override
    public String toString() {
        return remote;
    }

    /** Work to do on the node that holds a file; mirrors {@code FilePath.FileCallable}. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    private static final long serialVersionUID = 1L;
}
