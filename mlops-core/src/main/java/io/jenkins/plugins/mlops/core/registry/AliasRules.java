package io.jenkins.plugins.mlops.core.registry;

import java.time.Instant;

/**
 * Who may receive an alias. Only a version whose gate passed gets one without {@code force}; a failed gate and a
 * version that was never validated both need {@code force}, because an alias such as {@code production} is a
 * promise that somebody checked the model. Forcing is recorded in the alias history.
 */
public final class AliasRules {

    private AliasRules() {
    }

    /** @throws RegistryException of kind {@link RegistryException.Kind#REFUSED} when the gate forbids the alias */
    public static void checkMayReceive(String name, int version, GateRecord gate, String alias, boolean force)
            throws RegistryException {
        if (!gate.isPassed() && !force) {
            throw new RegistryException(RegistryException.Kind.REFUSED, name + " v" + version + " "
                    + (gate.getPassed() == null ? "was never validated" : "did not pass its quality gate")
                    + ", so alias '" + alias + "' cannot point at it; give force: true (--force) to override, which is"
                    + " recorded in the alias history");
        }
    }

    /**
     * The same check before a version exists: {@code register} refuses early, so that a model that may not get
     * its aliases is not stored either.
     */
    public static void checkNewVersionMayReceive(String name, GateRecord gate, java.util.List<String> aliases,
            boolean force) throws RegistryException {
        if (!aliases.isEmpty() && !gate.isPassed() && !force) {
            throw new RegistryException(RegistryException.Kind.REFUSED, "The new version of " + name + " "
                    + (gate.getPassed() == null ? "was never validated" : "did not pass its quality gate")
                    + ", so aliases " + aliases + " cannot point at it; nothing was registered. Give force: true"
                    + " (--force) to override, which is recorded in the alias history, or register without aliases");
        }
    }

    /**
     * The event for moving {@code alias} to {@code version}; {@link AliasEvent#isMove()} is false when the alias
     * already points there (nothing to record).
     */
    public static AliasEvent plan(AliasHistory history, String name, ModelVersion target, String alias, boolean force,
            String actor, Instant now) throws RegistryException {
        checkMayReceive(name, target.getVersion(), target.getGate(), alias, force);
        Integer from = history.current(alias);
        return new AliasEvent(alias, from, target.getVersion(), actor, now, force && !target.getGate().isPassed(),
                AliasEvent.Action.SET);
    }

    /** The event for rolling {@code alias} back. */
    public static AliasEvent planRollback(AliasHistory history, String name, String alias, String actor, Instant now)
            throws RegistryException {
        Integer current = history.current(alias);
        if (current == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + name + " has no alias '" + alias + "'");
        }
        Integer target = history.rollbackTarget(alias);
        if (target == null) {
            throw new RegistryException(RegistryException.Kind.REFUSED, "Alias '" + alias + "' of " + name
                    + " has pointed only at v" + current + " so far; there is no earlier version to roll back to");
        }
        return new AliasEvent(alias, current, target, actor, now, false, AliasEvent.Action.ROLLBACK);
    }
}
