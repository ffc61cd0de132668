package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.validate.RuleStatus;

/**
 * The outcome of a rule, a gate, a training or a deployment as the page shows it: an icon whose shape differs per
 * outcome (check, cross, dash, question mark) beside a word, so it reads without colour and without the stylesheet.
 */
public enum Mark {
    PASSED("Passed", "passed"),
    FAILED("Failed", "failed"),
    SKIPPED("Skipped", "skipped"),
    /** No gate ran (a version registered without mlValidate), or nothing is known. */
    UNKNOWN("Not validated", "unknown");

    private final String word;
    private final String css;

    Mark(String word, String css) {
        this.word = word;
        this.css = css;
    }

    /** {@code Passed}, {@code Failed}, {@code Skipped}, {@code Not validated}. */
    public String word() {
        return word;
    }

    /** The class suffix the stylesheet colours: {@code mlops-mark-passed}. */
    String css() {
        return css;
    }

    public static Mark of(RuleStatus status) {
        return switch (status) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
        };
    }

    /** true, false, or null (never validated), as the registry records a gate. */
    public static Mark of(Boolean passed) {
        return passed == null ? UNKNOWN : passed ? PASSED : FAILED;
    }
}
