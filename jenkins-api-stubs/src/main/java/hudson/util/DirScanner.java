package hudson.util;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-in for Jenkins core's {@code hudson.util.DirScanner} (jenkins-2.479.3): which files of a directory a copy
 * takes. Mirrors {@link #scan}, {@link #scanSingle} and {@link Full} (everything, with no default excludes), with the
 * real bodies; the symbolic-link check is done with {@link Files} instead of core's {@code Util.resolveSymlink}.
 */
public abstract class DirScanner implements Serializable {

    public abstract void scan(File dir, FileVisitor visitor) throws IOException;

    protected final void scanSingle(File f, String relative, FileVisitor visitor) throws IOException {
        if (visitor.understandsSymlink()) {
            Path p = f.toPath();
            if (Files.isSymbolicLink(p)) {
                visitor.visitSymlink(f, Files.readSymbolicLink(p).toString(), relative);
                return;
            }
        }
        visitor.visit(f, relative);
    }

    /**
     * Everything, recursively. Relative paths start with the scanned directory's own name: scanning {@code /a/dir}
     * that holds {@code file} visits {@code dir/file}.
     */
    public static class Full extends DirScanner {
        private void scan(File f, String path, FileVisitor visitor) throws IOException {
            if (f.canRead()) {
                scanSingle(f, path + f.getName(), visitor);
                if (f.isDirectory()) {
                    for (File child : f.listFiles()) {
                        scan(child, path + f.getName() + '/', visitor);
                    }
                }
            }
        }

        @Override
        public void scan(File dir, FileVisitor visitor) throws IOException {
            scan(dir, "", visitor);
        }

        private static final long serialVersionUID = 1L;
    }

    private static final long serialVersionUID = 1L;
}
