package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.container.LogSink;
import java.io.PrintStream;

/**
 * Writes the training container's output into the build log as it comes.
 *
 * <p>Container lines appear verbatim, stdout and stderr alike, as the {@code sh} step shows a process's output:
 * Python's logging and progress bars write to stderr, so marking stderr would flag ordinary progress as trouble.
 * The container layer's own messages carry the step's prefix ({@code [mlTrain] }) so they stand apart from what the
 * container says.
 * Each line is flushed at once: training is long and quiet, and a buffered line could sit unseen for minutes.
 */
public final class BuildLogSink implements LogSink {

    private final PrintStream out;
    private final String prefix;

    /** @param prefix put before the engine's own messages, e.g. {@code "[mlValidate] "} */
    public BuildLogSink(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    @Override
    public void line(Stream stream, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void info(String message) {
        synchronized (out) {
            out.println(prefix + message);
            out.flush();
        }
    }
}
