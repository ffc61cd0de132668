package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files of a model about to be registered: a single file, or every regular file below a directory, with
 * {@code /}-separated relative paths in a stable (sorted) order.
 *
 * <p>Links follow the one rule training applies to {@code /mlops/output/model} too (see
 * {@code docs/container-contract.md}): a symbolic link inside a model must lead, through any other links, to a file
 * or directory inside the model directory. Such a link is stored as what it points at (a regular file with the
 * target's bytes; a linked directory's files under the link's path), so a pull gives plain files. A link that leads
 * outside the model, a dangling link and a loop of links are refused: a registry stores the model's bytes, and a
 * link could point anywhere on the agent.
 */
public final class ModelSource {

    /** One file to store: where it is (possibly a link to read through), and the path it gets inside the model. */
    public record SourceFile(String path, Path file, long size) {
    }

    private ModelSource() {
    }

    /** @throws MlopsArgumentException naming {@code model} when the path is missing, empty or breaks the link rule */
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
        Path inside = model.toRealPath();
        List<SourceFile> out = new ArrayList<>();
        Files.walkFileTree(model, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(model)) {
                    requireInside(model, inside, dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) throws IOException {
                String rel = relative(model, p);
                if (attrs.isSymbolicLink()) {
                    // following it failed: it points at nothing
                    throw new MlopsArgumentException("model", "'" + rel + "' in " + model + " is a link to "
                            + Files.readSymbolicLink(p) + ", which does not exist");
                }
                if (!attrs.isRegularFile()) {
                    throw new MlopsArgumentException("model", "'" + rel + "' in " + model + " is not a regular file");
                }
                requireInside(model, inside, p);
                out.add(new SourceFile(rel, p, attrs.size()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    throw new MlopsArgumentException("model", "'" + relative(model, p) + "' in " + model
                            + " is a link to a directory that contains it (a loop); a model's links must point at"
                            + " files or directories inside it, not at its own ancestors");
                }
                throw e;
            }
        });
        if (out.isEmpty()) {
            throw new MlopsArgumentException("model", model + " is an empty directory; there is no model to register");
        }
        out.sort(Comparator.comparing(SourceFile::path));
        return out;
    }

    /** A file or directory reached through links must still be inside the model: where it really is decides. */
    private static void requireInside(Path model, Path inside, Path p) throws IOException {
        Path real = p.toRealPath();
        if (!real.startsWith(inside)) {
            throw new MlopsArgumentException("model", "'" + relative(model, p) + "' in " + model + " is a symbolic"
                    + " link that leads outside the model directory (to " + real + "); a link inside a model must"
                    + " point at a file or directory inside it, whose content is then stored in the link's place");
        }
    }

    private static String relative(Path model, Path p) {
        return model.relativize(p).toString().replace('\\', '/');
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
