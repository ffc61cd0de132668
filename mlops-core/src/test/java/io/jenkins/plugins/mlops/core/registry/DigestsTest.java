package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass copy-and-hash paths, including the pipelined one used for files larger than one chunk. */
class DigestsTest {

    @TempDir
    Path tmp;

    @Test
    void copiesAndHashesFilesOfEverySizeClass() throws Exception {
        for (int size : new int[] {0, 1, Digests.CHUNK - 1, Digests.CHUNK, Digests.CHUNK + 1, 2 * Digests.CHUNK + 12_345}) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            Path source = Files.write(tmp.resolve("src-" + size), content);
            String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            for (boolean fsync : new boolean[] {false, true}) {
                Path fromFile = tmp.resolve("file-" + size + "-" + fsync);
                Digests.Hashed h = Digests.copy(source, fromFile, fsync);
                assertThat(h.digest()).as("size %d fsync %s", size, fsync).isEqualTo(expected);
                assertThat(h.size()).isEqualTo(size);
                assertThat(fromFile).hasSameBinaryContentAs(source);

                Path fromStream = tmp.resolve("stream-" + size + "-" + fsync);
                try (InputStream in = Files.newInputStream(source)) {
                    h = Digests.copy(in, fromStream, fsync);
                }
                assertThat(h.digest()).isEqualTo(expected);
                assertThat(fromStream).hasSameBinaryContentAs(source);
            }
            assertThat(Digests.sha256(source).digest()).isEqualTo(expected);
        }
    }
}
