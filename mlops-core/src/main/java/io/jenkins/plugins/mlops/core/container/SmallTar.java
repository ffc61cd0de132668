package io.jenkins.plugins.mlops.core.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A few directories and small files made in memory, as a tar stream for the archive endpoint: how configuration
 * files get into a container (no bind mounts). Entries are owned by root; names are relative to where the tar is
 * unpacked ({@code etc/app/app.cfg} unpacked at {@code /}).
 */
public final class SmallTar {

    private record Item(String name, int mode, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();

    /** A directory with these permission bits ({@code 0755}, or {@code 01777} for a directory anyone may use). */
    public SmallTar directory(String name, int mode) {
        items.add(new Item(name.endsWith("/") ? name : name + "/", 040000 | mode, null));
        return this;
    }

    /** A regular file with these permission bits and UTF-8 text. */
    public SmallTar file(String name, int mode, String text) {
        items.add(new Item(name, 0100000 | mode, text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item i : items) {
                TarArchiveEntry e = new TarArchiveEntry(i.name());
                e.setMode(i.mode());
                e.setIds(0, 0);
                if (i.content() != null) {
                    e.setSize(i.content().length);
                }
                tar.putArchiveEntry(e);
                if (i.content() != null) {
                    tar.write(i.content());
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Unpacks the tar at {@code path} in the container (which must exist; {@code /} always does). */
    public void upload(com.github.dockerjava.api.DockerClient docker, String containerId, String path)
            throws IOException, InterruptedException {
        byte[] bytes = bytes();
        TarUpload.upload(docker, containerId, path, out -> {
            out.write(bytes);
            return null;
        });
    }
}
