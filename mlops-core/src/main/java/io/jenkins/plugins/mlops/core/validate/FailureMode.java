package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Locale;

/** What a failed gate does to the build: fail it (the default) or mark it unstable and go on. */
public enum FailureMode {
    FAILURE, UNSTABLE;

    /** @param text {@code FAILURE} or {@code UNSTABLE}, any case; null or blank means FAILURE */
    public static FailureMode parse(String argument, String text) {
        if (text == null || text.isBlank()) {
            return FAILURE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not FAILURE or UNSTABLE");
        }
    }
}
