package io.jenkins.plugins.mlops.core.validate.rules;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate's rules, parsed. Parse them as soon as the step starts ({@link #parse}) so a typo fails the build
 * before any evaluation container runs. Serializable: a Jenkins step may ship it to an agent.
 */
public final class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Rule> rules;

    private RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses every rule.
     *
     * @param argument the argument's name as the user writes it ({@code thresholds}, {@code --threshold}), for messages
     * @param texts    the rules as written
     * @throws RuleSyntaxException   naming the rule, its column, and the problem, with a caret under the column
     * @throws MlopsArgumentException when the list is null or empty
     */
    public static RuleSet parse(String argument, List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new MlopsArgumentException(argument, "no rules given; write at least one, such as 'rmse < 0.9'");
        }
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i) == null ? "" : texts.get(i);
            try {
                parsed.add(new Rule(i + 1, text, RuleParser.parse(text)));
            } catch (ParseProblem p) {
                throw new RuleSyntaxException(argument, i + 1, text, p.offset + 1, p.getMessage());
            }
        }
        return new RuleSet(parsed);
    }

    public List<Rule> rules() {
        return rules;
    }

    public int size() {
        return rules.size();
    }
}
