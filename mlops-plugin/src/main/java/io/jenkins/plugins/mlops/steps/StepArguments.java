package io.jenkins.plugins.mlops.steps;

/** What every step's setters do to the text they receive. */
public final class StepArguments {

    private StepArguments() {
    }

    /** The Snippet Generator submits empty text boxes as "", which means "not given", as does blank text. */
    public static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
