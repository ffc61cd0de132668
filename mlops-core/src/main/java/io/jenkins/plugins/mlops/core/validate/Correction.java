package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Locale;

/**
 * How the gate adjusts the levels of its {@code significant()} tests so that, taken together, the chance that at
 * least one of them reports a difference that is not there (the family-wise error rate) stays at the level of one.
 */
public enum Correction {
    /** Every test at its own level: with {@code m} tests the family-wise rate is at most the sum of their levels. */
    NONE,
    /**
     * Holm's step-down procedure: the tests that hold at level α/m are accepted, then the rest are tried again at
     * α/(m - accepted), until none more holds. Never less powerful than Bonferroni, same guarantee.
     */
    HOLM,
    /** Every test at level α/m. */
    BONFERRONI;

    /** {@code none} (or null), {@code holm} or {@code bonferroni}, in any case. */
    public static Correction parse(String argument, String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MlopsArgumentException(argument, "'" + text + "' is not a correction; use none, holm or bonferroni");
        }
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For reasons: {@code Holm's}, {@code Bonferroni's}. */
    String possessive() {
        return this == HOLM ? "Holm's" : "Bonferroni's";
    }
}
