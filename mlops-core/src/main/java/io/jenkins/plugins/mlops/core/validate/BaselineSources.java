package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a gate's baseline comes from, as {@code compareTo} says: nothing, the last successful build (Jenkins only),
 * a metrics or verdict file, or a registered model; and how explicit {@code baseline} values override it, name by
 * name. The step and the CLI find each source their own way (the builds, the workspace, the registry) and combine
 * them here.
 */
public final class BaselineSources {

    /** What {@code compareTo} names. */
    public enum Kind { NONE, PREVIOUS, FILE, REGISTERED }

    private BaselineSources() {
    }

    /**
     * @param namesAFile whether {@code compareTo} names an existing file where the workspace is (a file wins over a
     *                   registry reference of the same spelling)
     * @throws MlopsArgumentException naming {@code compareTo} when it is none of the kinds (or {@code previous}
     *                                outside Jenkins)
     */
    public static Kind kind(ValidationSpec spec, boolean namesAFile) {
        String compareTo = spec.getCompareTo();
        ArgumentStyle style = spec.getStyle();
        if (compareTo == null) {
            return Kind.NONE;
        }
        boolean jenkins = style == ArgumentStyle.STEP;
        // In Jenkins 'previous' is a reserved word; elsewhere it means nothing, so a file of that name is that file.
        if (jenkins && compareTo.equals(ValidationSpec.PREVIOUS)) {
            return Kind.PREVIOUS;
        }
        if (namesAFile) {
            return Kind.FILE;
        }
        if (compareTo.equals(ValidationSpec.PREVIOUS)) {
            throw new MlopsArgumentException(style.spell("compareTo"), "'previous' means the last successful build"
                    + " and exists only in Jenkins; give a baseline metrics file or a registered model's alias or"
                    + " version");
        }
        try {
            style.registryBaselines().parse(compareTo);
        } catch (MlopsArgumentException e) {
            throw new MlopsArgumentException(style.spell("compareTo"), "'" + compareTo + "' is neither "
                    + (jenkins ? "'previous', a file in the workspace, nor" : "a file nor") + " a registered model's"
                    + " alias, version or 'latest' (" + e.getMessage() + ")");
        }
        return Kind.REGISTERED;
    }

    /** A baseline given by {@link Kind#NONE}: its description says how to set one. */
    public static Baseline none(ValidationSpec spec) {
        ArgumentStyle style = spec.getStyle();
        return Baseline.none("none given; use " + style.spell("compareTo") + " or " + style.spell("baseline"));
    }

    /**
     * Reads a {@link Kind#FILE} baseline: a metrics file or a verdict file of an earlier gate.
     *
     * @param file where the workspace is
     */
    public static Baseline file(ValidationSpec spec, Path file) {
        try {
            return Baseline.of(BaselineFiles.read(file), spec.getCompareTo());
        } catch (IOException e) {
            throw new MlopsArgumentException(spec.getStyle().spell("compareTo"), e.getMessage());
        }
    }

    /** {@code base} with the explicit {@code baseline} values laid over it, described as both. */
    public static Baseline withExplicit(ValidationSpec spec, Baseline base) {
        Map<String, Double> explicit = spec.getBaseline();
        if (explicit == null) {
            return base;
        }
        String label = spec.getStyle() == ArgumentStyle.STEP ? "baseline argument" : spec.getStyle().spell("baseline");
        if (base == null || !base.isPresent()) {
            return Baseline.of(explicit, label);
        }
        Map<String, Double> merged = new LinkedHashMap<>(base.getMetrics());
        merged.putAll(explicit);
        return base.withMetrics(merged, base.getDescription() + " + " + label);
    }
}
