package io.jenkins.plugins.mlops.core.registry;

/** Stored bytes do not hash to the digest they are recorded under: the store is corrupt or was tampered with. */
public class DigestMismatchException extends RegistryException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String expected;
    private final String actual;

    /**
     * @param what     what was being read, e.g. {@code model file weights.bin of movie_predictor v3}
     * @param file     where the bytes live (a path or a URL)
     */
    public DigestMismatchException(String what, String file, String expected, String actual) {
        super(Kind.CORRUPT, "Digest mismatch for " + what + " stored at " + file + ": expected " + expected
                + " but the content hashes to " + actual);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    public String getFile() { return file; }
    public String getExpected() { return expected; }
    public String getActual() { return actual; }
}
