package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Map;

/**
 * How the gate's arguments are spelled where the user wrote them: as the {@code mlValidate} step's named arguments
 * ({@code compareTo}) or as {@code mlops validate}'s options ({@code --compare-to}). Every rule of
 * {@link ValidationSpec} is written once, in core, and names the arguments in the user's spelling, so that the step
 * and the CLI say the same thing.
 */
public enum ArgumentStyle {
    /** The Pipeline step: the canonical names. */
    STEP,
    /** The command line: options, some singular because they repeat ({@code --threshold}, {@code --metric}). */
    CLI;

    /** The step's names whose option is not simply {@code --<name>}. */
    private static final Map<String, String> OPTIONS = Map.of(
            "thresholds", "--threshold",
            "metrics", "--metric",
            "metricsFile", "--metrics",
            "compareTo", "--compare-to",
            "baselinePredictions", "--baseline-predictions",
            "capAdd", "--cap-add",
            "pidsLimit", "--pids-limit");

    /** @param stepName the argument as the step calls it, e.g. {@code metricsFile} */
    public String spell(String stepName) {
        if (this == STEP) {
            return stepName;
        }
        return OPTIONS.getOrDefault(stepName, "--" + stepName);
    }

    /** What {@link GateOptions#builder(String)} puts before an option's name. */
    String optionPrefix() {
        return this == STEP ? "" : "--";
    }

    /** The registry lookup with this spelling of {@code compareTo} and {@code name}. */
    public RegistryBaselines registryBaselines() {
        return this == STEP ? RegistryBaselines.STEP : RegistryBaselines.CLI;
    }

    /** The same problem, with the argument spelled in this style (rules shared with training name step arguments). */
    MlopsArgumentException respell(MlopsArgumentException e) {
        String spelled = spell(e.getArgument());
        if (spelled.equals(e.getArgument())) {
            return e;
        }
        String prefix = "Invalid argument '" + e.getArgument() + "': ";
        String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        MlopsArgumentException respelled = new MlopsArgumentException(spelled, problem);
        respelled.initCause(e);
        return respelled;
    }
}
