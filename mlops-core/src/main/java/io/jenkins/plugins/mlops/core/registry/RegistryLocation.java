package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.core.registry.oci.OciLocation;
import io.jenkins.plugins.mlops.core.registry.oci.OciModelRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a model registry lives, parsed once from the one string users write ({@code registry:},
 * {@code --registry}, {@code MLOPS_REGISTRY}): a directory for the embedded store, or
 * {@code oci://host[:port]/prefix} for an OCI distribution registry ({@code oci+http://} / {@code oci+https://} to
 * choose the transport). It knows which backend opens it and on which machine code that uses it has to run.
 * Serializable: a Jenkins step parses it on the controller and may hand it to an agent.
 */
public sealed interface RegistryLocation extends Serializable permits RegistryLocation.Directory, RegistryLocation.Oci {

    /** On which machine code that reads or writes this registry has to run. */
    enum Site {
        /**
         * The machine whose file system holds the directory. For a Jenkins step that is the controller (the default
         * registry is under {@code JENKINS_HOME}); a model on an agent is streamed to it.
         */
        REGISTRY_MACHINE,
        /**
         * Any machine that reaches the registry over the network; best the one that holds the model, so that its
         * bytes travel once, straight to the registry. For a Jenkins step that is the agent with the workspace.
         */
        MODEL_MACHINE
    }

    /**
     * @param argument how the caller names the setting in messages: {@code registry}, {@code --registry},
     *                 {@code MLOPS_REGISTRY}
     * @param text     a directory ({@code ~} is expanded when opened) or an {@code oci://} URL
     * @throws MlopsArgumentException naming {@code argument} when the text is blank, an invalid {@code oci://} URL,
     *                                or uses another scheme
     */
    static RegistryLocation parse(String argument, String text) {
        if (text == null || text.isBlank()) {
            throw new MlopsArgumentException(argument, "give a directory or an oci://host/prefix URL");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("oci://") || trimmed.startsWith("oci+http://") || trimmed.startsWith("oci+https://")) {
            try {
                return new Oci(trimmed, OciLocation.parse(trimmed));
            } catch (MlopsArgumentException e) {
                if (e.getArgument().equals(argument)) {
                    throw e;
                }
                String prefix = "Invalid argument '" + e.getArgument() + "': ";
                throw new MlopsArgumentException(argument, e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage());
            }
        }
        if (trimmed.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new MlopsArgumentException(argument, "'" + trimmed + "' uses an unknown scheme; use a directory"
                    + " or oci://host[:port]/prefix");
        }
        return new Directory(trimmed);
    }

    /** The location as the user wrote it, for messages and records; never carries credentials. */
    String text();

    Site site();

    /**
     * Opens the backend, touching nothing: a directory registry is created by its first registration, an OCI
     * registry is not contacted until the first call.
     *
     * @param env where OCI credentials come from ({@link RegistryCredentials#fromEnvironment(Map)})
     */
    ModelRegistry open(Map<String, String> env) throws IOException;

    /** A directory on the machine that opens it: the embedded registry. */
    record Directory(String text) implements RegistryLocation {

        public Directory {
            Objects.requireNonNull(text, "text");
        }

        /** The directory, {@code ~} expanded to the user's home. */
        public Path path() {
            if (text.equals("~")) {
                return Path.of(System.getProperty("user.home"));
            }
            if (text.startsWith("~/")) {
                return Path.of(System.getProperty("user.home"), text.substring(2));
            }
            return Path.of(text);
        }

        @Override
        public Site site() {
            return Site.REGISTRY_MACHINE;
        }

        @Override
        public ModelRegistry open(Map<String, String> env) throws IOException {
            return new EmbeddedModelRegistry(path());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** An OCI distribution registry: models are repositories under {@link OciLocation#prefix()}. */
    record Oci(String text, OciLocation url) implements RegistryLocation {

        public Oci {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public Site site() {
            return Site.MODEL_MACHINE;
        }

        @Override
        public ModelRegistry open(Map<String, String> env) throws IOException {
            return new OciModelRegistry(url, RegistryCredentials.fromEnvironment(env).orElse(null));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
