package io.jenkins.plugins.mlops.cli;

/**
 * A container run ended by Ctrl-C (SIGINT) or SIGTERM: the container was stopped and removed and the message
 * printed. The process exits with {@value #EXIT_CODE} (128 + SIGINT, the shell's convention) or 143 for SIGTERM,
 * as the JVM does for a signal. An {@link InterruptedException}, so that callers that pass interrupts on pass it on.
 */
final class RunAborted extends InterruptedException {
    private static final long serialVersionUID = 1L;

    /** What a shell reports for a command ended by Ctrl-C. */
    static final int EXIT_CODE = 130;

    RunAborted(InterruptedException cause) {
        super(cause.getMessage());
        initCause(cause);
    }
}
