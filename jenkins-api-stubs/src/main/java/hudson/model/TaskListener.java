package hudson.model;

import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Stand-in for Jenkins core's {@code hudson.model.TaskListener} (jenkins-2.479.3): where a build writes its log.
 * The real interface's default methods ({@code error}, {@code hyperlink}, ...) are left out.
 */
public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();
}
