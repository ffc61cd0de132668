package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/**
 * What the quality gate said about a model before it was registered. {@link #getPassed()} is {@code null} when the
 * model was never validated. The summary is kept as JSON text so that it stays serializable and is stored exactly
 * as the gate wrote it (for example {@code mlops validate --verdict-out}'s {@code results}).
 */
public final class GateRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final GateRecord NOT_VALIDATED = new GateRecord(null, null);

    private final Boolean passed;
    private final String summaryJson;

    private GateRecord(Boolean passed, String summaryJson) {
        this.passed = passed;
        this.summaryJson = summaryJson;
    }

    /** No gate ran. */
    public static GateRecord notValidated() {
        return NOT_VALIDATED;
    }

    /**
     * @param passed      true, false, or null when no gate ran
     * @param summaryJson any JSON value describing the verdict, or null
     */
    public static GateRecord of(Boolean passed, String summaryJson) {
        if (passed == null && summaryJson == null) {
            return NOT_VALIDATED;
        }
        return new GateRecord(passed, summaryJson);
    }

    /**
     * Same as {@link #of(Boolean, String)} with the summary given as maps, lists, strings, numbers, booleans (what
     * a Pipeline step holds after {@code readJSON} or from {@code mlValidate}'s result).
     */
    public static GateRecord withSummary(Boolean passed, Object summary) {
        return of(passed, summary == null ? null : RegistryJson.toJsonText(summary));
    }

    /** true = passed, false = failed, null = never validated. */
    public Boolean getPassed() { return passed; }

    /** The gate's own account as JSON text, or null. */
    public String getSummaryJson() { return summaryJson; }

    /** Whether the gate ran and said yes: the only state that may receive an alias without force. */
    public boolean isPassed() {
        return Boolean.TRUE.equals(passed);
    }

    /** {@code passed}, {@code failed} or {@code not validated}, for messages and tables. */
    public String describe() {
        return passed == null ? "not validated" : passed ? "passed" : "failed";
    }

    @Override
    public String toString() {
        return describe();
    }
}
