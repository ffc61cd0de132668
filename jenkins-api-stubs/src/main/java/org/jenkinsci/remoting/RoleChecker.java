package org.jenkinsci.remoting;

/**
 * Stand-in for remoting's {@code org.jenkinsci.remoting.RoleChecker} (remoting 3261.v9c670a_4748a_9). Only the
 * type is needed; role checks happen inside real remoting, never in this project's code.
 */
public abstract class RoleChecker {
}
