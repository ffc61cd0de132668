package io.jenkins.plugins.mlops.core.validate.rules;

/**
 * Raised inside the lexer and parser, which do not know the argument name or the rule's number;
 * {@link RuleSet#parse} turns it into a {@link RuleSyntaxException} that does.
 */
final class ParseProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int offset;

    ParseProblem(int offset, String problem) {
        super(problem, null, false, false);
        this.offset = offset;
    }
}
