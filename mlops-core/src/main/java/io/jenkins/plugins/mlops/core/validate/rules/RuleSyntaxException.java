package io.jenkins.plugins.mlops.core.validate.rules;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;

/**
 * A rule cannot be parsed. The message names the argument, the rule's number and text, and the column, and repeats
 * the rule with a caret under that column, so the user sees at once what to fix:
 *
 * <pre>
 * Invalid argument 'thresholds': rule 2, column 6: expected a number, a metric name, a function call or '(' but found '&lt;'
 *   rmse &lt;&lt; 1
 *        ^
 * </pre>
 */
public class RuleSyntaxException extends MlopsArgumentException {
    private static final long serialVersionUID = 1L;

    private final int ruleNumber;
    private final String ruleText;
    private final int column;
    private final String problem;

    public RuleSyntaxException(String argument, int ruleNumber, String ruleText, int column, String problem) {
        super(argument, "rule " + ruleNumber + ", column " + column + ": " + problem
                + "\n  " + ruleText
                + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
        this.ruleNumber = ruleNumber;
        this.ruleText = ruleText;
        this.column = column;
        this.problem = problem;
    }

    /** 1-based position of the rule in the list the user gave. */
    public int getRuleNumber() {
        return ruleNumber;
    }

    public String getRuleText() {
        return ruleText;
    }

    /** 1-based column the caret points at; one past the end when the rule ended too early. */
    public int getColumn() {
        return column;
    }

    /** The problem alone, without rule text and caret. */
    public String getProblem() {
        return problem;
    }
}
