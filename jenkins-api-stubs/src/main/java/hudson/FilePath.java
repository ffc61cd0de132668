package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
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

    /** Reads the file; from an agent, Jenkins streams it over the channel. */
    public InputStream read() throws IOException, InterruptedException {
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

    private static final long serialVersionUID = 1L;
}
