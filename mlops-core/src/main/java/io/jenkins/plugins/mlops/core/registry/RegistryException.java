package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;

/**
 * A registry operation could not be done. {@link #getKind()} tells callers how to react (the CLI maps
 * {@link Kind#NOT_FOUND} and {@link Kind#REFUSED} to exit code 1); the message says it in words and never contains
 * credentials.
 */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Classes of failure that callers treat differently. */
    public enum Kind {
        /** No such model, version or alias. */
        NOT_FOUND,
        /** The registry refuses on purpose: an alias for a version that did not pass its gate, nothing to roll back to. */
        REFUSED,
        /** Stored bytes do not match their digest. */
        CORRUPT,
        /** The registry cannot be reached or answered with a server error. */
        UNAVAILABLE,
        /** Credentials were missing or refused. */
        AUTH,
        /** Another writer kept winning the race for the same version number or alias history. */
        CONFLICT,
        /** The registry answered something this client does not understand. */
        PROTOCOL,
        /** The operating system refused access to the registry's files (permission denied, read-only file system). */
        PERMISSION,
        /** The registry holds something at this place that is not a model (or version) registered by mlops. */
        FOREIGN
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * Wraps a failure to point aliases at a version that <em>was</em> stored, so that the caller learns both: the
     * version exists (with its number), and the aliases must be set again ({@code mlops models alias}).
     */
    public static RegistryException aliasesNotSet(ModelVersion registered, java.util.List<String> aliases,
            IOException cause) {
        Kind kind = cause instanceof RegistryException r ? r.getKind() : Kind.UNAVAILABLE;
        return new RegistryException(kind, registered.getName() + " v" + registered.getVersion() + " was registered ("
                + registered.getDigest() + "), but aliases " + aliases + " could not be pointed at it: "
                + cause.getMessage(), cause);
    }

    /**
     * The one wording for "there is no registry here", said by every reading call of a directory registry whose
     * directory does not exist: reading never creates a registry, so a mistyped location is reported, not filled.
     */
    public static RegistryException noRegistryAt(String location) {
        return new RegistryException(Kind.NOT_FOUND, "No model registry exists at " + location + ": the directory"
                + " does not exist (check the registry location: --registry, registry: or MLOPS_REGISTRY;"
                + " registering a model creates it)");
    }

    public Kind getKind() {
        return kind;
    }
}
