package io.jenkins.plugins.mlops.core.deploy.proxy;

import java.io.IOException;

/** A channel to the proxy's runtime API: sends one command line, returns the proxy's whole answer. */
@FunctionalInterface
public interface AdminSocket {
    String send(String commandLine) throws IOException, InterruptedException;
}
