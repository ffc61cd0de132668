package io.jenkins.plugins.mlops.core.registry;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says in words why the operating system refused a file operation of a registry. Java's file exceptions carry only
 * the path as their message ({@code /srv/registry/tmp/3fae...}), which tells a user neither what failed nor why; this
 * names the operation, the file, the reason and the user the process runs as, so that the step and the CLI, which
 * both print the {@link RegistryException}'s message, say the same useful thing.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /**
     * @param doing what was being done, as it reads after "Cannot": {@code "register movie_predictor in the model
     *              registry at /srv/registry"}
     */
    public static RegistryException failure(String doing, FileSystemException e) {
        RegistryException.Kind kind = e instanceof NoSuchFileException ? RegistryException.Kind.CORRUPT
                : isPermission(e) ? RegistryException.Kind.PERMISSION : RegistryException.Kind.UNAVAILABLE;
        return new RegistryException(kind, "Cannot " + doing + ": " + reason(e), e);
    }

    /** {@code permission denied on /srv/registry/tmp (mlops runs as user 'jenkins')}, and the like. */
    public static String reason(FileSystemException e) {
        String file = e.getFile();
        String other = e.getOtherFile() == null ? "" : " (moving it to " + e.getOtherFile() + ")";
        if (e instanceof AccessDeniedException || "Permission denied".equalsIgnoreCase(e.getReason())) {
            Path p = file == null ? null : Path.of(file);
            if (p != null && p.getParent() != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    && Files.isDirectory(p.getParent())) {
                // creating an entry is refused by its directory: name the directory that must be writable
                return "permission denied on directory " + p.getParent() + ", where " + p.getFileName() + other
                        + " was to be created (mlops runs as user '" + user() + "', who cannot write there)";
            }
            return "permission denied on " + file + other + " (mlops runs as user '" + user() + "', who lacks"
                    + " the access this needs)";
        }
        if (e instanceof NoSuchFileException) {
            return file + " does not exist" + other;
        }
        String reason = e.getReason();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName() + " on " + file + other;
        }
        return reason.toLowerCase(Locale.ROOT) + " on " + file + other
                + (isPermission(e) ? " (mlops runs as user '" + user() + "')" : "");
    }

    private static boolean isPermission(FileSystemException e) {
        String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
        return e instanceof AccessDeniedException || reason.contains("permission denied")
                || reason.contains("read-only file system") || reason.contains("operation not permitted");
    }

    private static String user() {
        return System.getProperty("user.name", "unknown");
    }
}
