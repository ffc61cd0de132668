package hudson.model;

import hudson.ExtensionPoint;

/**
 * Stand-in for Jenkins core's {@code hudson.model.RootAction} (jenkins-2.479.3): an {@code @Extension} action bound
 * below Jenkins' root URL at its {@link #getUrlName()}, with a top-level link when it has an icon. Jenkins lets only
 * users with Overall/Read reach it (unless it is an {@code UnprotectedRootAction}).
 */
public interface RootAction extends Action, ExtensionPoint {
}
