package io.jenkins.plugins.mlops.core.container;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.regex.Pattern;

/**
 * The image reference grammar the Docker Engine parses ({@code [registry[:port]/]path[:tag][@digest]}, as the
 * distribution project's reference package defines it), checked when a step or command starts: a reference the
 * engine would refuse fails there, naming the argument, instead of after a Dockerfile build or at container create.
 * An image id ({@code sha256:} and 64 hex digits, or a prefix of its hex) is what the engine also takes.
 */
public final class ImageReferences {

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern IMAGE_ID = Pattern.compile("(?:sha256:)?[0-9a-f]{12,64}");
    /** The engine's limit on a repository name. */
    private static final int MAX_NAME = 255;

    private ImageReferences() {
    }

    /**
     * @param argument the argument's name, for the message
     * @throws MlopsArgumentException when {@code reference} is not one the engine takes
     */
    public static void require(String argument, String reference) {
        String problem = problem(reference);
        if (problem != null) {
            throw new MlopsArgumentException(argument, "'" + reference + "' is not an image reference: " + problem
                    + " (write [registry[:port]/]name[:tag][@digest], e.g. movie-predictor:train)");
        }
    }

    /** What is wrong with {@code reference}, or null when the engine takes it. */
    static String problem(String reference) {
        if (reference == null || reference.isEmpty()) {
            return "it is empty";
        }
        if (IMAGE_ID.matcher(reference).matches()) {
            return null;
        }
        String rest = reference;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(rest.substring(at + 1)).matches()) {
                return "the digest after '@' must be algorithm:hex, e.g. sha256: and 64 hex digits";
            }
            rest = rest.substring(0, at);
        }
        // A tag follows the last ':' that comes after the last '/' (a ':' before it is a registry's port).
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            if (!TAG.matcher(rest.substring(colon + 1)).matches()) {
                return "the tag after ':' must be 1 to 128 letters, digits, _ . - and not start with . or -";
            }
            rest = rest.substring(0, colon);
        }
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            // As the engine splits it: the first part names a registry only when it looks like a host.
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!DOMAIN.matcher(first).matches()) {
                    return "'" + first + "' is not a registry host[:port]";
                }
                path = rest.substring(slash + 1);
            }
        }
        if (path.length() > MAX_NAME) {
            return "the name is longer than " + MAX_NAME + " characters";
        }
        if (!PATH.matcher(path).matches()) {
            return path.chars().anyMatch(Character::isUpperCase)
                    ? "the name must be lowercase"
                    : "the name is made of lowercase letters and digits, separated by . _ __ - or /";
        }
        return null;
    }
}
