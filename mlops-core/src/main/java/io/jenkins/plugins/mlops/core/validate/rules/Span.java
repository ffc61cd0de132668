package io.jenkins.plugins.mlops.core.validate.rules;

import java.io.Serializable;

/**
 * Where a piece of a rule sits in the rule's text: {@code start} inclusive, {@code end} exclusive, both 0-based.
 * Kept on every node so that reasons can quote exactly what the user wrote.
 */
public record Span(int start, int end) implements Serializable {

    /** 1-based column of the first character, as error messages show it. */
    public int column() {
        return start + 1;
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    /** The text this span covers in {@code source}. */
    public String of(String source) {
        return source.substring(start, Math.min(end, source.length()));
    }
}
