package hudson;

import java.io.IOException;

/**
 * Stand-in for Jenkins core's {@code hudson.AbortException} (jenkins-2.479.3): a failure whose message is shown
 * in the build log without a stack trace.
 */
public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
