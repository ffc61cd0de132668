package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of an alias: which alias, from which version (null when it was new) to which, who did it, when, whether
 * the gate was overridden with {@code force}, and whether it was a rollback. The history of these answers "what was
 * in production on date X" and "what was production before".
 */
public final class AliasEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Why the alias moved. */
    public enum Action {
        /** Pointed at a chosen version. */
        SET,
        /** Moved back to the version it pointed at before the last move. */
        ROLLBACK
    }

    private final String alias;
    private final Integer fromVersion;
    private final int toVersion;
    private final String actor;
    private final Instant at;
    private final boolean forced;
    private final Action action;

    public AliasEvent(String alias, Integer fromVersion, int toVersion, String actor, Instant at, boolean forced,
            Action action) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.actor = actor == null || actor.isBlank() ? "unknown" : actor;
        this.at = Objects.requireNonNull(at, "at");
        this.forced = forced;
        this.action = Objects.requireNonNull(action, "action");
    }

    public String getAlias() { return alias; }
    /** The version the alias pointed at before, or null if the alias was new. */
    public Integer getFromVersion() { return fromVersion; }
    public int getToVersion() { return toVersion; }
    /** {@code "<job> #<n>"} or a user name. */
    public String getActor() { return actor; }
    public Instant getAt() { return at; }
    /** Whether {@code force} let a version that had not passed its gate receive the alias. */
    public boolean isForced() { return forced; }
    public Action getAction() { return action; }

    /** Whether the alias really moved (an event with equal versions is a no-op that is not recorded). */
    public boolean isMove() {
        return fromVersion == null || fromVersion != toVersion;
    }

    @Override
    public String toString() {
        return at + " " + alias + ": " + (fromVersion == null ? "-" : "v" + fromVersion) + " -> v" + toVersion
                + " by " + actor + (forced ? " (forced)" : "") + (action == Action.ROLLBACK ? " (rollback)" : "");
    }
}
