package io.jenkins.plugins.mlops.core.container;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** How the container layer writes sizes, durations and I/O errors into log lines and failure messages. */
public final class Formats {

    private Formats() {
    }

    /** The exception's own words, or its type when it has none ({@code NoSuchFileException: /x} is both). */
    public static String ioMessage(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code 2.0 s} under a minute, {@code 1h30m} above. */
    public static String duration(Duration d) {
        if (d.toMillis() < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Decimal megabytes with one digit: {@code 50.3 MB}. */
    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
