package hudson;

import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import org.jenkinsci.remoting.RoleChecker;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stand-in for Jenkins core's {@code hudson.FilePath} (jenkins-2.479.3). A path built from a {@link File} is on
 * this machine and {@link #act} runs the callable in the calling thread on {@code new File(getRemote())}, as the
 * real class does for a path on the controller. A path built with a {@link VirtualChannel} is on an agent: as in
 * the real class, {@link #act} sends the callable through {@link VirtualChannel#call} wrapped so that it runs on
 * {@code new File(remote)} over there, and {@link #exists}, {@link #isDirectory} and {@link #read} do their work
 * through {@link #act} too. (The real {@code read()} streams through a remote pipe; this one brings the bytes back
 * in one piece, which is all a test needs.)
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    /** Null for a path on this machine, as in the real class. */
    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(File localPath) {
        this.channel = null;
        this.remote = localPath.getPath();
    }

    public FilePath(VirtualChannel channel, String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(FilePath base, String rel) {
        this.channel = base.channel;
        this.remote = new File(rel).isAbsolute() ? rel : base.remote + File.separatorChar + rel;
    }

    /** The path as the node that holds it spells it. */
    public String getRemote() {
        return remote;
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    /**
     * Runs the callable where the file is. The real class passes the local channel as the second argument; no
     * callable in this project reads it, and the stub has none, so it passes {@code null}.
     */
    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        if (channel != null) {
            try {
                return channel.call(new FileCallableWrapper<>(callable, remote));
            } catch (TunneledInterruptedException e) {
                throw (InterruptedException) new InterruptedException(e.getMessage()).initCause(e);
            }
        }
        return callable.invoke(new File(remote), null);
    }

    public boolean exists() throws IOException, InterruptedException {
        return act(new Exists());
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return act(new IsDirectory());
    }

    /** Whether the file is on another machine (an agent). */
    public boolean isRemote() {
        return channel != null;
    }

    /** Reads the file; from an agent, Jenkins streams it over the channel. */
    public InputStream read() throws IOException, InterruptedException {
        if (channel != null) {
            return new ByteArrayInputStream(act(new ReadAll()));
        }
        return Files.newInputStream(new File(remote).toPath());
    }

    @Override
    public String toString() {
        return remote;
    }

    /** Work to do on the node that holds a file; mirrors {@code FilePath.FileCallable}. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    /** What travels to the agent: the callable and the path it acts on. */
    private static final class FileCallableWrapper<T> implements Callable<T, IOException> {
        private static final long serialVersionUID = 1L;
        private final FileCallable<T> callable;
        private final String remote;

        FileCallableWrapper(FileCallable<T> callable, String remote) {
            this.callable = callable;
            this.remote = remote;
        }

        @Override
        public T call() throws IOException {
            try {
                return callable.invoke(new File(remote), null);
            } catch (InterruptedException e) {
                throw new TunneledInterruptedException(e);
            }
        }

        @Override
        public void checkRoles(RoleChecker checker) throws SecurityException {
            callable.checkRoles(checker);
        }
    }

    /** An interruption on the agent, carried back as an IOException and rethrown by {@link #act} as itself. */
    private static final class TunneledInterruptedException extends IOException {
        private static final long serialVersionUID = 1L;

        TunneledInterruptedException(InterruptedException cause) {
            super(cause);
        }
    }

    private abstract static class LocalFileCallable<T> implements FileCallable<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public void checkRoles(RoleChecker checker) {
        }
    }

    private static final class Exists extends LocalFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean invoke(File f, VirtualChannel channel) {
            return f.exists();
        }
    }

    private static final class IsDirectory extends LocalFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean invoke(File f, VirtualChannel channel) {
            return f.isDirectory();
        }
    }

    private static final class ReadAll extends LocalFileCallable<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] invoke(File f, VirtualChannel channel) throws IOException {
            return Files.readAllBytes(f.toPath());
        }
    }

    private static final long serialVersionUID = 1L;
}
