package io.jenkins.plugins.mlops.core.report;

/**
 * A message whose layout carries meaning, as HTML: a rule's syntax error puts a caret under the column it points at,
 * which only lines up in a fixed-width block. Escaped like every text of the reports (the rule is the user's).
 */
public final class Preformatted {

    private Preformatted() {
    }

    /** {@code <pre>text</pre>}, the text escaped. */
    public static String html(String text) {
        return new Html().element("pre", text).toString();
    }
}
