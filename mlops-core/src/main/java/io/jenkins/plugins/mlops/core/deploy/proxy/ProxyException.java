package io.jenkins.plugins.mlops.core.deploy.proxy;

import java.io.IOException;

/** The proxy refused a runtime command or answered something unexpected; the message quotes its answer. */
public class ProxyException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProxyException(String message) {
        super(message);
    }
}
