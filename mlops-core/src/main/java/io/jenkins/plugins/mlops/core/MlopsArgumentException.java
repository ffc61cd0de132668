package io.jenkins.plugins.mlops.core;

/**
 * A user-supplied argument is wrong. The message always names the argument (as the user spelled it in the
 * Jenkinsfile or on the command line) and says what was wrong with it, so it can be shown as it is.
 */
public class MlopsArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    public MlopsArgumentException(String argument, String problem) {
        super("Invalid argument '" + argument + "': " + problem);
        this.argument = argument;
    }

    /** The argument's name as the user writes it, e.g. {@code memory}. */
    public String getArgument() {
        return argument;
    }
}
