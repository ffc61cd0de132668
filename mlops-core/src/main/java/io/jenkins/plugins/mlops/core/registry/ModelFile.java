package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.Objects;

/** One file of a registered model version: its path inside the model (with {@code /}), its digest and size. */
public final class ModelFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String digest;
    private final long size;

    public ModelFile(String path, String digest, long size) {
        this.path = Objects.requireNonNull(path, "path");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.size = size;
    }

    /** Relative path inside the model, {@code /}-separated, e.g. {@code weights/model.pkl}. */
    public String getPath() { return path; }
    /** {@code sha256:<64 hex>} of the file's bytes. */
    public String getDigest() { return digest; }
    public long getSize() { return size; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelFile f && f.path.equals(path) && f.digest.equals(digest) && f.size == size;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, digest, size);
    }

    @Override
    public String toString() {
        return path + " (" + size + " bytes, " + digest + ")";
    }
}
