package org.jenkinsci.remoting;

/** Stand-in for remoting's {@code org.jenkinsci.remoting.RoleSensitive} (remoting 3261.v9c670a_4748a_9). */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
