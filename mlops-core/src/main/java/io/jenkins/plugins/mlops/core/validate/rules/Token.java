package io.jenkins.plugins.mlops.core.validate.rules;

import java.util.List;

/**
 * One token of a rule. For {@link TokenType#NAME} {@code segments} holds the dot-separated parts with backtick quotes
 * removed, and {@code quotedFirst} says whether the first part was quoted (a quoted {@code `baseline`} is a metric
 * name, not the baseline prefix).
 */
record Token(TokenType type, String text, Span span, double number, List<String> segments, boolean quotedFirst) {

    static Token of(TokenType type, String text, int start, int end) {
        return new Token(type, text, new Span(start, end), Double.NaN, List.of(), false);
    }

    /** How the token reads in an error message. */
    String describe() {
        return type == TokenType.END ? "the end of the rule" : "'" + text + "'";
    }
}
