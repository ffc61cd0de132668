package io.jenkins.plugins.mlops.core.container;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Abort arrives as a thread interrupt. docker-java's Unix socket is an NIO channel, which an interrupt closes in the
 * middle of any call: cleanup after an abort must therefore run where further interrupts cannot reach it.
 */
public final class Interruptions {

    private Interruptions() {
    }

    /** Whether {@code t} was caused by interrupting the thread that made the call. */
    public static boolean isInterruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work} on a thread of its own and waits for it to finish however often the caller is interrupted
     * meanwhile.
     *
     * @return whether the caller was interrupted before or while waiting (its flag is left clear)
     */
    public static boolean runShielded(String name, Runnable work) {
        boolean interrupted = Thread.interrupted();
        Thread worker = new Thread(work, name);
        worker.setDaemon(true);
        worker.start();
        while (true) {
            try {
                worker.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
