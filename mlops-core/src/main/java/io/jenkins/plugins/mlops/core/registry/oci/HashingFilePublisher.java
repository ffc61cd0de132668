package io.jenkins.plugins.mlops.core.registry.oci;

import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of one request of a streamed blob upload: bytes {@code [offset, offset + length)} of a file, read chunk
 * by chunk on demand and hashed the moment each chunk is handed to the HTTP client, so that the digest describes
 * exactly the bytes that went on the wire, in one pass over the file. The hash continues a digest of everything
 * before {@code offset} (a copy of it: when a request is sent twice, after a 401, each pass starts afresh), and
 * {@link #hashedThrough()} is that copy once every byte was handed over.
 *
 * <p>A file that ends early fails the upload with an error naming it; one that grew is cut at the end of the range,
 * and the caller's independent hash of the whole file then disagrees with the uploaded one.
 */
final class HashingFilePublisher implements Flow.Publisher<ByteBuffer> {

    /** Big enough that per-chunk overhead vanishes, small enough not to hold much memory per upload in flight. */
    static final int CHUNK = 1024 * 1024;

    private final Path file;
    private final String displayName;
    private final long offset;
    private final long end;
    private final MessageDigest before;
    private volatile MessageDigest hashedThrough;
    private volatile IOException failure;

    /**
     * @param displayName how errors name the file (its path inside the model)
     * @param before      the digest of bytes {@code [0, offset)}; it is copied, never changed
     */
    HashingFilePublisher(Path file, String displayName, long offset, long length, MessageDigest before) {
        this.file = file;
        this.displayName = displayName;
        this.offset = offset;
        this.end = offset + length;
        this.before = before;
    }

    /** The digest of bytes {@code [0, offset + length)}, still open; null unless the whole range was handed over. */
    MessageDigest hashedThrough() {
        return hashedThrough;
    }

    /** Why reading the file failed, if it did: a more useful error than the HTTP client's wrapper of it. */
    IOException failure() {
        return failure;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            failure = e;
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e);
            return;
        }
        subscriber.onSubscribe(new Reader(subscriber, channel));
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be copied", e);
        }
    }

    /**
     * One pass over the range for one subscriber. Emission happens inside {@link #request} on whichever thread asks;
     * the work-in-progress counter lets exactly one thread emit at a time (a request made from inside
     * {@code onNext} only adds demand), which also orders every access to the digest and the channel.
     */
    private final class Reader implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final FileChannel channel;
        private final MessageDigest md = copy(before);
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private long position = offset;
        private volatile boolean done;
        private volatile long badRequest;

        Reader(Flow.Subscriber<? super ByteBuffer> subscriber, FileChannel channel) {
            this.subscriber = subscriber;
            this.channel = channel;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = n; // signalled by the emitting thread: signals to one subscriber must not overlap
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                if (badRequest != 0 && !done) {
                    fail(new IllegalArgumentException("non-positive request " + badRequest));
                }
                while (!done && demand.get() > 0) {
                    emitNext();
                }
            } while (wip.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            done = true;
            closeQuietly();
        }

        private void emitNext() {
            if (position == end) {
                done = true;
                closeQuietly();
                hashedThrough = md;
                subscriber.onComplete();
                return;
            }
            ByteBuffer chunk;
            try {
                chunk = ByteBuffer.allocate((int) Math.min(CHUNK, end - position));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, position + chunk.position()) < 0) {
                        throw new RegistryException(Kind.CORRUPT, "Model file '" + displayName + "' (" + file
                                + ") shrank while it was being uploaded: it ended after "
                                + (position + chunk.position()) + " bytes, where at least " + end + " were"
                                + " expected; nothing was registered");
                    }
                }
            } catch (IOException e) {
                if (!done) { // after a cancel, the closed channel is the expected end, not a failure
                    failure = e;
                    fail(e);
                }
                return;
            }
            chunk.flip();
            md.update(chunk.array(), 0, chunk.limit());
            position += chunk.limit();
            demand.decrementAndGet();
            subscriber.onNext(chunk);
        }

        private void fail(Throwable t) {
            done = true;
            closeQuietly();
            subscriber.onError(t);
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only; nothing was lost
            }
        }
    }
}
