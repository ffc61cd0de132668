package io.jenkins.plugins.mlops.testing.context;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log kept in memory, readable while the step still writes to it. */
public final class CapturingListener implements TaskListener {
    private static final long serialVersionUID = 1L;

    private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final transient PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Override
    public PrintStream getLogger() {
        return out;
    }

    public String text() {
        synchronized (out) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
