package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stand-in for Jenkins core's {@code jenkins.MasterToSlaveFileCallable} (jenkins-2.479.3): a file callable the
 * controller sends to an agent. The real {@link #checkRoles} declares the agent role to remoting; the stub has no
 * remoting, so there is nothing to declare it to.
 */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
    }

    private static final long serialVersionUID = 1L;
}
