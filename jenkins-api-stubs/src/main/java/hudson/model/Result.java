package hudson.model;

import java.io.Serializable;

/**
 * Stand-in for Jenkins core's {@code hudson.model.Result} (jenkins-2.479.3): the outcome of a build, ordered from
 * {@link #SUCCESS} (best) to {@link #ABORTED}. Mirrors the five constants, {@link #ordinal}, {@link #completeBuild},
 * the comparisons and {@link #toString()}. The {@code color} field ({@code BallColor}, a UI type) is left out, and
 * so is it from the private constructor, which nothing outside the class can call.
 */
public final class Result implements Serializable {

    public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final Result FAILURE = new Result("FAILURE", 2, true);
    public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final Result ABORTED = new Result("ABORTED", 4, false);

    private final String name;

    /** Bigger is worse. */
    public final int ordinal;

    /** Whether a build with this result ran to its end. */
    public final boolean completeBuild;

    private Result(String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public boolean isWorseThan(Result that) {
        return this.ordinal > that.ordinal;
    }

    public boolean isWorseOrEqualTo(Result that) {
        return this.ordinal >= that.ordinal;
    }

    public boolean isBetterThan(Result that) {
        return this.ordinal < that.ordinal;
    }

    public boolean isBetterOrEqualTo(Result that) {
        return this.ordinal <= that.ordinal;
    }

    public boolean isCompleteBuild() {
        return this.completeBuild;
    }

    @Override
    public String toString() {
        return name;
    }

    private static final long serialVersionUID = 1L;
}
