package io.jenkins.plugins.mlops.testing.context;

import hudson.FilePath;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An agent node that can lose its connection and come back with a new one, as a Jenkins agent does: while
 * connected its workspaces are reached through a {@link LoopbackAgent}; {@link #disconnect()} closes that channel
 * (calls in flight and later ones fail), {@link #reconnect()} opens a new one. Looking up a workspace while offline
 * fails as Pipeline's does ("Unable to create live FilePath for ...").
 */
public final class TestAgent implements AutoCloseable {

    private final String name;
    private volatile LoopbackAgent channel;

    public TestAgent(String name) {
        this.name = name;
        this.channel = new LoopbackAgent();
    }

    /** A workspace on this agent through its current channel. */
    public FilePath workspace(Path directory) throws IOException {
        LoopbackAgent c = channel;
        if (c == null) {
            throw new IOException("Unable to create live FilePath for " + name);
        }
        return c.workspace(directory);
    }

    public void disconnect() {
        LoopbackAgent c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }

    public void reconnect() {
        if (channel == null) {
            channel = new LoopbackAgent();
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
