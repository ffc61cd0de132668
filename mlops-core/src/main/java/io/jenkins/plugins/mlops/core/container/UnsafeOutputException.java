package io.jenkins.plugins.mlops.core.container;

/** An entry of the container's output archive would land outside the output directory, or cannot be stored. */
public final class UnsafeOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String entry;

    UnsafeOutputException(String entry, String problem) {
        super("output entry '" + entry + "' " + problem);
        this.entry = entry;
    }

    public String getEntry() {
        return entry;
    }
}
