package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model file given as a stream instead of a local path: how a Jenkins controller registers files that live on an
 * agent ({@code FilePath.read()}) into the embedded registry under {@code JENKINS_HOME}, hashing while it receives.
 *
 * @param path   relative path inside the model, {@code /}-separated
 * @param opener opens the content; called exactly once
 */
public record StreamedFile(String path, Opener opener) {

    /** Opens a file's content. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException, InterruptedException;
    }

    public StreamedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(opener, "opener");
    }

    /** @throws MlopsArgumentException naming {@code model} for an empty list, unsafe or duplicate paths */
    public static List<StreamedFile> checked(List<StreamedFile> files) {
        if (files == null || files.isEmpty()) {
            throw new MlopsArgumentException("model", "has no files; there is no model to register");
        }
        Set<String> seen = new HashSet<>();
        for (StreamedFile f : files) {
            String p = f.path();
            boolean unsafe = p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.endsWith("/")
                    || List.of(p.split("/")).stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
            if (unsafe) {
                throw new MlopsArgumentException("model", "file path '" + p + "' must be relative, '/'-separated,"
                        + " without '.' or '..' segments");
            }
            if (!seen.add(p)) {
                throw new MlopsArgumentException("model", "file path '" + p + "' is given twice");
            }
        }
        return files.stream().sorted(java.util.Comparator.comparing(StreamedFile::path)).toList();
    }
}
