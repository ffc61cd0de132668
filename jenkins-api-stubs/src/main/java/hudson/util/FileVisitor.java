package hudson.util;

import java.io.File;
import java.io.IOException;

/**
 * Stand-in for Jenkins core's {@code hudson.util.FileVisitor} (jenkins-2.479.3): receives the files a
 * {@link DirScanner} finds. Mirrors {@link #visit}, {@link #visitSymlink} and {@link #understandsSymlink}.
 */
public abstract class FileVisitor {

    public abstract void visit(File f, String relativePath) throws IOException;

    public void visitSymlink(File link, String target, String relativePath) throws IOException {
        visit(link, relativePath);
    }

    public boolean understandsSymlink() {
        return false;
    }
}
