package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.util.List;

/**
 * The gate's rules checked without evaluating them, for a form that checks while the user types: what the gate
 * would refuse when the step starts, in the same words.
 */
public final class ThresholdRules {

    private ThresholdRules() {
    }

    /**
     * Why {@code rules} would be refused, or null when each one parses. A syntax error's message names the rule and
     * its column and ends with the rule on its own line and a caret under the column.
     *
     * @param argument the argument's name as the user writes it, for the message
     */
    public static String problem(String argument, List<String> rules) {
        try {
            RuleSet.parse(argument, rules);
            return null;
        } catch (MlopsArgumentException e) {
            return e.getMessage();
        }
    }
}
