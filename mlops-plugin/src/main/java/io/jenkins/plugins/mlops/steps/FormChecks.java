package io.jenkins.plugins.mlops.steps;

import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.function.Consumer;

/**
 * What the Snippet Generator's forms check while the user types: the same core parsers the step runs at build
 * time, so the form says what the build would say, in the same words.
 */
public final class FormChecks {

    private FormChecks() {
    }

    /** OK for an empty field (the argument is optional) or one the core's parser accepts, else its message. */
    public static FormValidation parses(String value, Consumer<String> parser) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            parser.accept(value.trim());
            return FormValidation.ok();
        } catch (MlopsArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** mlTrain runs an image or builds one from a Dockerfile: with neither, the step cannot start. */
    public static FormValidation imageOrDockerfile(String image, String dockerfile) {
        if ((image == null || image.isBlank()) && (dockerfile == null || dockerfile.isBlank())) {
            return FormValidation.warning("Either image or dockerfile is needed: an image to run (already on the"
                    + " Docker host), or a Dockerfile to build it from (tagged with image when both are given).");
        }
        return FormValidation.ok();
    }
}
