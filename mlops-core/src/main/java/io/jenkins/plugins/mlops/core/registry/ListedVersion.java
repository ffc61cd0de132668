package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * One row of a model's version list: a version that was read and verified, or the number of one that cannot be
 * read with the reason. A damaged record, a deleted manifest or a moved tag marks its own row and no other, so
 * one bad version never hides the rest of a model.
 */
public final class ListedVersion implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final ModelVersion version;
    private final RegistryException problem;

    private ListedVersion(int number, ModelVersion version, RegistryException problem) {
        this.number = number;
        this.version = version;
        this.problem = problem;
    }

    public static ListedVersion readable(ModelVersion version) {
        return new ListedVersion(version.getVersion(), Objects.requireNonNull(version, "version"), null);
    }

    /** @param problem what reading it said: the same exception {@code get} or {@code pull} of it throws */
    public static ListedVersion unreadable(int number, RegistryException problem) {
        return new ListedVersion(number, null, Objects.requireNonNull(problem, "problem"));
    }

    public int getNumber() { return number; }
    /** The verified version, or null when it cannot be read. */
    public ModelVersion getVersion() { return version; }
    /** Why it cannot be read, or null. */
    public RegistryException getProblem() { return problem; }
    public boolean isReadable() { return problem == null; }

    /** Whether the row is something another tool left, not a damaged version of ours. */
    public boolean isForeign() {
        return problem != null && problem.getKind() == RegistryException.Kind.FOREIGN;
    }

    @Override
    public String toString() {
        return problem == null ? version.toString() : "v" + number + " (unreadable: " + problem.getMessage() + ")";
    }
}
