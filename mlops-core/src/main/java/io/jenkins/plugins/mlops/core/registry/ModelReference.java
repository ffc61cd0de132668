package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/** A parsed reference to one version of a model: a number, {@code latest}, or an alias. */
public final class ModelReference implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the reference names. */
    public enum Kind { VERSION, LATEST, ALIAS }

    private final Kind kind;
    private final int version;
    private final String alias;

    private ModelReference(Kind kind, int version, String alias) {
        this.kind = kind;
        this.version = version;
        this.alias = alias;
    }

    static ModelReference version(int v) {
        return new ModelReference(Kind.VERSION, v, null);
    }

    static ModelReference latest() {
        return new ModelReference(Kind.LATEST, 0, null);
    }

    static ModelReference alias(String a) {
        return new ModelReference(Kind.ALIAS, 0, a);
    }

    public Kind getKind() { return kind; }
    /** The number for {@link Kind#VERSION}, otherwise 0. */
    public int getVersion() { return version; }
    /** The alias for {@link Kind#ALIAS}, otherwise null. */
    public String getAlias() { return alias; }

    @Override
    public String toString() {
        return switch (kind) {
            case VERSION -> "v" + version;
            case LATEST -> ModelNames.LATEST;
            case ALIAS -> alias;
        };
    }
}
