package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The ModelPack {@code org.cncf.model.file.metadata+json} value of one layer: the file's name, permission bits,
 * owner, size, modification time and tar type flag, as the spec's {@code FileMetadata} type has them, so that a
 * ModelPack tool unpacking the model can restore mode and mtime.
 *
 * @param name  the file's base name
 * @param mode  the permission bits (e.g. 0644), 0 where the file system has none
 * @param mtime modification time
 */
record FileMetadata(String name, int mode, int uid, int gid, long size, Instant mtime) {

    /** Tar's type flag for a regular file, {@code '0'}: what every layer of ours holds. */
    static final int TYPE_REGULAR = '0';

    /** What the file system says of {@code file} (a link inside the model counts as the file it points at). */
    static FileMetadata of(Path file, String path) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
        int mode = 0;
        int uid = 0;
        int gid = 0;
        try {
            PosixFileAttributes posix = Files.readAttributes(file, PosixFileAttributes.class);
            mode = bits(posix.permissions());
            Map<String, Object> unix = Files.readAttributes(file, "unix:uid,gid");
            uid = (Integer) unix.get("uid");
            gid = (Integer) unix.get("gid");
        } catch (UnsupportedOperationException notPosix) {
            // e.g. Windows: no mode or owner to record
        }
        return new FileMetadata(path.substring(path.lastIndexOf('/') + 1), mode, uid, gid, basic.size(),
                basic.lastModifiedTime().toInstant());
    }

    /** The annotation value: compact JSON with the spec's field names. */
    String json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("name", name);
        n.put("mode", mode);
        n.put("uid", uid);
        n.put("gid", gid);
        n.put("size", size);
        n.put("mtime", mtime.toString());
        n.put("typeflag", TYPE_REGULAR);
        return new String(OciArtifacts.bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int bits(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }
}
