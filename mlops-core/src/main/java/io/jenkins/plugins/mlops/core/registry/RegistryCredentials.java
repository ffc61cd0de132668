package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password (or access token used as password) for an OCI registry. They come from the
 * environment ({@value #USERNAME_ENV} / {@value #PASSWORD_ENV}; in Jenkins, {@code withCredentials} sets them) or
 * from the caller. {@link #toString()} never shows the password, and neither does any registry error message.
 * Deliberately not serializable: secrets stay in the process that read them.
 */
public final class RegistryCredentials {

    public static final String USERNAME_ENV = "MLOPS_REGISTRY_USERNAME";
    public static final String PASSWORD_ENV = "MLOPS_REGISTRY_PASSWORD";

    private final String username;
    private final String password;

    public RegistryCredentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    /**
     * Reads {@value #USERNAME_ENV} and {@value #PASSWORD_ENV}; empty when neither is set.
     *
     * @throws MlopsArgumentException naming the variable when only one of the two is set
     */
    public static Optional<RegistryCredentials> fromEnvironment(Map<String, String> env) {
        String user = env.get(USERNAME_ENV);
        String pass = env.get(PASSWORD_ENV);
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPass = pass != null && !pass.isEmpty();
        if (!hasUser && !hasPass) {
            return Optional.empty();
        }
        if (!hasUser) {
            throw new MlopsArgumentException(USERNAME_ENV, "is not set, but " + PASSWORD_ENV + " is; set both or neither");
        }
        if (!hasPass) {
            throw new MlopsArgumentException(PASSWORD_ENV, "is not set, but " + USERNAME_ENV + " is; set both or neither");
        }
        return Optional.of(new RegistryCredentials(user, pass));
    }

    public String getUsername() {
        return username;
    }

    /** The value of an HTTP {@code Authorization: Basic} header. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code text} contains the password, so callers can keep it out of anything they print. */
    public boolean appearsIn(String text) {
        return text != null && !password.isEmpty() && text.contains(password);
    }

    @Override
    public String toString() {
        return "user " + username + " (password hidden)";
    }
}
