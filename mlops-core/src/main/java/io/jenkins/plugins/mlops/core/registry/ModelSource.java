package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a model about to be registered: a single file, or every regular file below a directory, with
 * {@code /}-separated relative paths in a stable (sorted) order. Symbolic links are refused: a registry stores
 * bytes, and a link could point anywhere on the agent.
 */
public final class ModelSource {

    /** One file to store: where it is, and the path it gets inside the model. */
    public record SourceFile(String path, Path file, long size) {
    }

    private ModelSource() {
    }

    /** @throws MlopsArgumentException naming {@code model} when the path is missing, empty or holds links */
    public static List<SourceFile> scan(Path model) throws IOException {
        if (!Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
            throw new MlopsArgumentException("model", model + " does not exist");
        }
        if (Files.isSymbolicLink(model)) {
            throw new MlopsArgumentException("model", model + " is a symbolic link; give the file or directory itself");
        }
        if (Files.isRegularFile(model)) {
            return List.of(new SourceFile(model.getFileName().toString(), model, Files.size(model)));
        }
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(model)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(model) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = model.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    throw new MlopsArgumentException("model", "'" + rel + "' in " + model
                            + " is a symbolic link; registries store regular files only");
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new MlopsArgumentException("model", "'" + rel + "' in " + model + " is not a regular file");
                }
                out.add(new SourceFile(rel, p, Files.size(p)));
            }
        }
        if (out.isEmpty()) {
            throw new MlopsArgumentException("model", model + " is an empty directory; there is no model to register");
        }
        out.sort(Comparator.comparing(SourceFile::path));
        return out;
    }

    /**
     * The target of a stored file path below {@code dir}; refuses paths that would leave it, so that a tampered
     * record can never make a pull write outside its directory.
     */
    public static Path resolveInside(Path dir, String relative) throws RegistryException {
        Path target = dir.resolve(relative).normalize();
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || !target.startsWith(dir.normalize())
                || target.equals(dir.normalize())) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "Stored file path '" + relative
                    + "' would land outside " + dir + "; refusing to write it");
        }
        return target;
    }
}
