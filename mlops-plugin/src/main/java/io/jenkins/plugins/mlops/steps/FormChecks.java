package io.jenkins.plugins.mlops.steps;

import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ImageReferences;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.report.Preformatted;
import io.jenkins.plugins.mlops.core.validate.ThresholdRules;
import java.util.List;
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

    /** A registry model name, by the registry's own rule. */
    public static FormValidation modelName(String argument, String value) {
        return parses(value, v -> ModelNames.requireModelName(argument, v));
    }

    /** An image reference the Docker Engine takes. */
    public static FormValidation imageReference(String argument, String value) {
        return parses(value, v -> ImageReferences.require(argument, v));
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}. */
    public static FormValidation duration(String argument, String value) {
        return parses(value, v -> ArgumentParsers.duration(argument, v));
    }

    /** {@code name=value} lines of numbers, read as the step reads them ({@link NameValueArgument#numbers}). */
    public static FormValidation numbers(String argument, String value) {
        return parses(value, v -> {
            NameValueArgument given = new NameValueArgument();
            given.setText(v);
            given.numbers(argument);
        });
    }

    /** mlTrain runs an image or builds one from a Dockerfile: with neither, the step cannot start. */
    public static FormValidation imageOrDockerfile(String image, String dockerfile) {
        if ((image == null || image.isBlank()) && (dockerfile == null || dockerfile.isBlank())) {
            return FormValidation.warning("Either image or dockerfile is needed: an image to run (already on the"
                    + " Docker host), or a Dockerfile to build it from (tagged with image when both are given).");
        }
        return FormValidation.ok();
    }

    /** The image field of a step that can also build one: needed without a dockerfile, a valid reference when given. */
    public static FormValidation image(String image, String dockerfile) {
        FormValidation needed = imageOrDockerfile(image, dockerfile);
        return needed.kind != FormValidation.Kind.OK ? needed : imageReference("image", image);
    }

    /**
     * The gate's rules, one per line as the form takes them (split as the form's binding splits them), parsed by
     * the core's rule parser: the first error with its caret under the column, in a fixed-width block so that the
     * caret lines up. An empty box is an error: {@code thresholds} is the one argument mlValidate needs.
     */
    public static FormValidation rules(String argument, String text) {
        String problem = ThresholdRules.problem(argument, text == null ? List.of() : KeyValues.lines(text));
        if (problem == null) {
            return FormValidation.ok();
        }
        return problem.contains("\n") ? FormValidation.errorWithMarkup(Preformatted.html(problem))
                : FormValidation.error(problem);
    }
}
