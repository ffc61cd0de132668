package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload body: what it hands on is exactly what it hashes, and a file that changes size is caught. */
class HashingFilePublisherTest {

    @TempDir
    Path tmp;

    /** Takes one chunk at a time, asking for the next from inside onNext, as an HTTP client does. */
    private static final class Collector implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int chunks;
        int largestChunk;
        boolean completed;
        Throwable error;
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            chunks++;
            largestChunk = Math.max(largestChunk, item.remaining());
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.writeBytes(b);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    @Test
    void handsOnTheWholeFileInChunksAndHashesExactlyThoseBytes() throws Exception {
        byte[] content = random(HashingFilePublisher.CHUNK * 2 + HashingFilePublisher.CHUNK / 2);
        Path file = Files.write(tmp.resolve("w.bin"), content);
        MessageDigest start = Digests.newSha256();
        HashingFilePublisher body = new HashingFilePublisher(file, "w.bin", 0, content.length, start);
        Collector c = new Collector();
        body.subscribe(c);

        assertThat(c.completed).isTrue();
        assertThat(c.error).isNull();
        assertThat(c.bytes.toByteArray()).isEqualTo(content);
        assertThat(c.chunks).isEqualTo(3);
        assertThat(c.largestChunk).isEqualTo(HashingFilePublisher.CHUNK);
        assertThat(Digests.format(body.hashedThrough())).isEqualTo(Digests.sha256(content));
        assertThat(Digests.format(start)).as("the digest it continued is left alone").isEqualTo(Digests.sha256(new byte[0]));
    }

    @Test
    void aRangeContinuesTheDigestOfTheBytesBeforeIt() throws Exception {
        byte[] content = random(300_000);
        Path file = Files.write(tmp.resolve("w.bin"), content);
        HashingFilePublisher first = new HashingFilePublisher(file, "w.bin", 0, 100_000, Digests.newSha256());
        Collector c1 = new Collector();
        first.subscribe(c1);
        HashingFilePublisher second = new HashingFilePublisher(file, "w.bin", 100_000, 200_000, first.hashedThrough());
        Collector c2 = new Collector();
        second.subscribe(c2);
        // a second pass over the same range (a request sent again after a 401) starts from the same digest
        HashingFilePublisher again = new HashingFilePublisher(file, "w.bin", 100_000, 200_000, first.hashedThrough());
        again.subscribe(new Collector());

        assertThat(c2.bytes.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 100_000, 300_000));
        assertThat(Digests.format(second.hashedThrough())).isEqualTo(Digests.sha256(content));
        assertThat(Digests.format(again.hashedThrough())).isEqualTo(Digests.sha256(content));
    }

    @Test
    void aFileThatGrewIsCutAtTheEndOfTheRangeSoTheIndependentHashDisagrees() throws Exception {
        byte[] content = random(300_000);
        Path file = Files.write(tmp.resolve("w.bin"), content);
        HashingFilePublisher body = new HashingFilePublisher(file, "w.bin", 0, 200_000, Digests.newSha256());
        Collector c = new Collector();
        body.subscribe(c);

        assertThat(c.completed).isTrue();
        byte[] prefix = Arrays.copyOf(content, 200_000);
        assertThat(c.bytes.toByteArray()).isEqualTo(prefix);
        assertThat(Digests.format(body.hashedThrough())).isEqualTo(Digests.sha256(prefix))
                .isNotEqualTo(Digests.sha256(file).digest());
    }

    @Test
    void aFileThatShrankFailsTheUploadNamingTheFile() throws Exception {
        Path file = Files.write(tmp.resolve("w.bin"), random(100_000));
        HashingFilePublisher body = new HashingFilePublisher(file, "sub/w.bin", 50_000, 100_000, Digests.newSha256());
        Collector c = new Collector();
        body.subscribe(c);

        assertThat(c.completed).isFalse();
        assertThat(c.error).isSameAs(body.failure()).isInstanceOf(RegistryException.class)
                .hasMessageContaining("Model file 'sub/w.bin' (" + file + ") shrank while it was being uploaded")
                .hasMessageContaining("ended after 100000 bytes, where at least 150000 were expected");
        assertThat(body.hashedThrough()).isNull();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
