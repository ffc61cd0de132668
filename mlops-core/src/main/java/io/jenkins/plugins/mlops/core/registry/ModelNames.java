package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.regex.Pattern;

/**
 * The rules for model names, aliases and version references. Names follow OCI repository path components so
 * that the same name works in the embedded store and in any OCI registry; aliases follow OCI tags, minus the
 * forms that mean a version ({@code v3}, {@code 3}, {@code latest}) so that a tag is never ambiguous.
 */
public final class ModelNames {

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VERSION_FORM = Pattern.compile("v?[0-9]+");
    private static final int MAX_NAME = 128;

    /** The reference meaning "the highest version number". */
    public static final String LATEST = "latest";

    private ModelNames() {
    }

    /** @throws MlopsArgumentException naming {@code argument} when {@code name} is not a valid model name */
    public static String requireModelName(String argument, String name) {
        if (name == null || name.isBlank()) {
            throw new MlopsArgumentException(argument, "give the model's name, e.g. movie_predictor");
        }
        if (name.length() > MAX_NAME || !MODEL_NAME.matcher(name).matches()) {
            throw new MlopsArgumentException(argument, "'" + name + "' is not a valid model name: use lowercase"
                    + " letters and digits, separated by single '.', '_' or '-' (e.g. movie_predictor), at most "
                    + MAX_NAME + " characters");
        }
        return name;
    }

    /** @throws MlopsArgumentException naming {@code argument} when {@code alias} is not a valid alias */
    public static String requireAlias(String argument, String alias) {
        if (alias == null || alias.isBlank()) {
            throw new MlopsArgumentException(argument, "contains an empty alias");
        }
        if (LATEST.equals(alias) || VERSION_FORM.matcher(alias).matches()) {
            throw new MlopsArgumentException(argument, "'" + alias + "' cannot be an alias: 'latest', '3' and 'v3'"
                    + " already mean versions");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new MlopsArgumentException(argument, "'" + alias + "' is not a valid alias: start with a lowercase"
                    + " letter, then lowercase letters, digits, '_' or '-', at most 63 characters (e.g. production)");
        }
        return alias;
    }

    /** @throws MlopsArgumentException naming {@code argument} when {@code version} is not 1 or more */
    public static int requireVersion(String argument, int version) {
        if (version < 1) {
            throw new MlopsArgumentException(argument, "versions start at 1, got " + version);
        }
        return version;
    }

    /**
     * Reads a reference to a version as users write it: {@code latest}, {@code 3}, {@code v3}, or an alias such as
     * {@code production}.
     */
    public static ModelReference parseReference(String argument, String text) {
        if (text == null || text.isBlank()) {
            throw new MlopsArgumentException(argument, "give a version (3 or v3), 'latest' or an alias such as production");
        }
        String t = text.trim();
        if (LATEST.equals(t)) {
            return ModelReference.latest();
        }
        if (VERSION_FORM.matcher(t).matches()) {
            String digits = t.startsWith("v") ? t.substring(1) : t;
            int v;
            try {
                v = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new MlopsArgumentException(argument, "'" + text + "' is too large to be a version number");
            }
            return ModelReference.version(requireVersion(argument, v));
        }
        if (!ALIAS.matcher(t).matches()) {
            throw new MlopsArgumentException(argument, "'" + text + "' is neither a version (3 or v3), 'latest' nor"
                    + " a valid alias");
        }
        return ModelReference.alias(t);
    }
}
