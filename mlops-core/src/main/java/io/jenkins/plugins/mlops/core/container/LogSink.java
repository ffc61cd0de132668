package io.jenkins.plugins.mlops.core.container;

/**
 * Receives a container's output line by line, as it is produced. Lines are whole: frames from the Engine API are
 * reassembled per stream before they get here. Also receives the container layer's own progress messages.
 */
public interface LogSink {

    enum Stream { STDOUT, STDERR }

    /** A sink that keeps nothing (for a caller that only wants a container's last lines). */
    LogSink DISCARD = new LogSink() {
        @Override
        public void line(Stream stream, String line) {
        }

        @Override
        public void info(String message) {
        }
    };

    /** One line the container wrote, without its line terminator. */
    void line(Stream stream, String line);

    /** A message from the container layer itself (image built, container started, outputs copied...). */
    void info(String message);
}
