package io.jenkins.plugins.mlops.core.container;

/**
 * Receives a container's output line by line, as it is produced. Lines are whole: frames from the Engine API are
 * reassembled per stream before they get here. Also receives the container layer's own progress messages.
 */
public interface LogSink {

    enum Stream { STDOUT, STDERR }

    /** One line the container wrote, without its line terminator. */
    void line(Stream stream, String line);

    /** A message from the container layer itself (image built, container started, outputs copied...). */
    void info(String message);
}
