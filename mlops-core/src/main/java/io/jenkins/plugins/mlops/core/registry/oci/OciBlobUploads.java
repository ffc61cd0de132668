package io.jenkins.plugins.mlops.core.registry.oci;

import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blob pushes into the repositories of one registry, each skipped when the repository already holds the content.
 *
 * <p>A file below the streaming threshold is hashed, then {@code HEAD}ed, then sent as one monolithic {@code PUT}:
 * hashing it first costs milliseconds. A larger file would pay a whole extra read for that order (about 0.9 s per GB,
 * a fifth of the upload itself), so its upload starts at once, as {@code PATCH}es that hash the bytes while sending
 * them, and an independent hash of the file runs at the same time on the calling thread (a second reader of the same
 * file, mostly served from the page cache). Hashing is several times faster than any upload, so its result arrives
 * early. If the repository already has that digest, the upload stops and its session is deleted: the skip costs
 * about one hash, as before. Otherwise the upload finishes and is committed with a {@code PUT ?digest=} of the digest
 * of the bytes actually sent, which the registry verifies; the independent hash must agree with it, or the file
 * changed while it was read and nothing is committed.
 *
 * <p>The file goes out in segments of one {@code PATCH} each (64 MiB by default), because a session can only be
 * deleted cleanly between requests: CNCF distribution keeps the upload's offset in the session URL, refuses a
 * {@code DELETE} whose offset is behind the bytes it received, and then keeps those bytes until its upload purge
 * (a week by default). So a skip lets the segment in flight finish (a fraction of a second at LAN speeds; at most
 * the stop grace, then the request is aborted) and deletes the session at its current offset. An interrupt (an
 * aborted build) does not wait: it aborts the request at once, and the registry's purge removes what it received.
 */
final class OciBlobUploads {

    /**
     * When to stream ({@code streamThreshold}: files of at least this many bytes), how much one {@code PATCH}
     * carries, and how long a skipped upload may take to finish its segment before it is aborted.
     */
    record Tuning(long streamThreshold, long segmentSize, Duration stopGrace) {
        static final Tuning DEFAULT = new Tuning(32L * 1024 * 1024, 64L * 1024 * 1024, Duration.ofSeconds(5));

        Tuning {
            if (streamThreshold < 1 || segmentSize < 1 || stopGrace.isNegative()) {
                throw new IllegalArgumentException("invalid upload tuning: threshold " + streamThreshold
                        + ", segment " + segmentSize + ", grace " + stopGrace);
            }
        }
    }

    /** Names the threads that stream uploads, so that tests can see none outlives its registration. */
    static final String UPLOAD_THREAD = "mlops-oci-upload";
    private static final long STOP_WAIT_SECONDS = 30;

    private final OciHttp http;
    private final String display;
    private final Tuning tuning;

    OciBlobUploads(OciHttp http, String display, Tuning tuning) {
        this.http = http;
        this.display = display;
        this.tuning = tuning;
    }

    URI blobUri(String repo, String digest) {
        return http.api(repo + "/blobs/" + digest);
    }

    boolean exists(String repo, String digest) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("HEAD", blobUri(repo, digest), repo));
        OciHttp.drain(r);
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw http.failure("HEAD of blob " + digest + " in " + repo, r);
    }

    /** Pushes small bytes (configs, histories) unless the registry has them; returns their digest. */
    String pushBytes(String repo, byte[] bytes) throws IOException, InterruptedException {
        String digest = Digests.sha256(bytes);
        if (!exists(repo, digest)) {
            OciHttp.Call call = new OciHttp.Call("PUT", withDigest(startUpload(repo), digest), repo)
                    .header("Content-Type", "application/octet-stream")
                    .body(() -> HttpRequest.BodyPublishers.ofByteArray(bytes));
            HttpResponse<InputStream> r = http.send(call);
            if (r.statusCode() != 201) {
                throw http.failure("uploading blob " + digest + " to " + repo, r);
            }
            OciHttp.drain(r);
        }
        return digest;
    }

    /**
     * Makes the content of {@code file} a blob of {@code repo}, unless its digest is in {@code present} (pushed
     * earlier by the same registration) or the repository already has it. Returns the digest and size, and adds the
     * digest to {@code present}. When this returns, the blob is committed; when it throws, nothing was committed
     * and the upload session was deleted (see the class comment for what a registry may keep after an interrupt).
     *
     * @param displayName how messages name the file: its path inside the model
     */
    Digests.Hashed pushFile(String repo, Path file, String displayName, Set<String> present)
            throws IOException, InterruptedException {
        long size = Files.size(file);
        if (size < tuning.streamThreshold()) {
            Digests.Hashed h = Digests.sha256(file);
            if (present.add(h.digest()) && !exists(repo, h.digest())) {
                http.uploadFile(withDigest(startUpload(repo), h.digest()), repo, file);
            }
            return h;
        }
        return stream(repo, file, displayName, size, present);
    }

    private Digests.Hashed stream(String repo, Path file, String displayName, long size, Set<String> present)
            throws IOException, InterruptedException {
        SegmentedUpload upload = new SegmentedUpload(startUpload(repo), repo, file, displayName, size);
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, UPLOAD_THREAD + " " + displayName);
            t.setDaemon(true);
            return t;
        });
        Future<Digests.Hashed> sending = sender.submit(upload);
        boolean committed = false;
        try {
            Digests.Hashed read = Digests.sha256(file);
            if (!present.add(read.digest()) || exists(repo, read.digest())) {
                stopGracefully(upload, sending);
                return read; // the finally block deletes the session: the registry has these bytes
            }
            Digests.Hashed sent = await(sending);
            if (!sent.equals(read)) {
                throw new RegistryException(Kind.CORRUPT, "Model file '" + displayName + "' (" + file + ") changed"
                        + " while it was being registered: reading it gave " + read.digest() + " (" + read.size()
                        + " bytes) but the bytes uploaded hash to " + sent.digest() + " (" + sent.size() + " bytes);"
                        + " nothing was registered. Register it once nothing writes to it any more.");
            }
            commit(upload.location, repo, sent.digest(), displayName);
            committed = true;
            return sent;
        } finally {
            if (committed) {
                sender.shutdown();
            } else {
                abandon(upload, sending, sender, repo);
            }
        }
    }

    /**
     * The sending side of a streamed upload: one {@code PATCH} per segment, each continuing the digest of the ones
     * before. {@link #location} is always a location the registry handed out after a complete request.
     */
    private final class SegmentedUpload implements Callable<Digests.Hashed> {
        private final String repo;
        private final Path file;
        private final String displayName;
        private final long size;
        private volatile URI location;
        private volatile boolean stop;

        SegmentedUpload(URI session, String repo, Path file, String displayName, long size) {
            this.location = session;
            this.repo = repo;
            this.file = file;
            this.displayName = displayName;
            this.size = size;
        }

        /** Digest and size of everything sent; null when stopped before the end. */
        @Override
        public Digests.Hashed call() throws IOException, InterruptedException {
            MessageDigest hashed = Digests.newSha256();
            for (long offset = 0; offset < size; ) {
                if (stop) {
                    return null;
                }
                long length = Math.min(tuning.segmentSize(), size - offset);
                OciHttp.Patched p = http.patchRange(location, repo, file, displayName, offset, length, hashed);
                location = p.location();
                hashed = p.hashedThrough();
                offset += length;
            }
            return new Digests.Hashed(Digests.format(hashed), size);
        }
    }

    /** Asks the upload to stop after its current segment and waits up to the grace for that. */
    private void stopGracefully(SegmentedUpload upload, Future<Digests.Hashed> sending) throws InterruptedException {
        upload.stop = true;
        try {
            sending.get(tuning.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // still sending (abandon aborts it) or already failed: either way nothing is committed
        }
    }

    /**
     * Ends an upload that must not be committed and deletes its session, so that the registry drops the bytes
     * received. A request still running is aborted by interrupting the sending thread, which makes
     * {@link java.net.http.HttpClient} abort the exchange and close its connection; the thread is waited for, so
     * none outlives the registration.
     */
    private void abandon(SegmentedUpload upload, Future<Digests.Hashed> sending, ExecutorService sender, String repo) {
        boolean interrupted = false;
        sending.cancel(true);
        sender.shutdownNow();
        try {
            sender.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            deleteSession(upload.location, repo);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Best effort: registries also purge abandoned uploads themselves after a while. */
    private void deleteSession(URI session, String repo) throws InterruptedException {
        try {
            OciHttp.drain(http.send(new OciHttp.Call("DELETE", session, repo)));
        } catch (IOException e) {
            // the registry's purge removes what the upload left
        }
    }

    /** Opens an upload session; returns its location (the registry may answer with a relative one). */
    private URI startUpload(String repo) throws IOException, InterruptedException {
        URI start = http.api(repo + "/blobs/uploads/");
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("POST", start, repo));
        if (r.statusCode() != 202) {
            throw http.failure("starting a blob upload to " + repo, r);
        }
        OciHttp.drain(r);
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(Kind.PROTOCOL,
                "Registry " + display + " started an upload without a Location header"));
        return start.resolve(loc);
    }

    /** Completes a streamed upload: an empty {@code PUT} whose digest the registry checks against what it received. */
    private void commit(URI location, String repo, String digest, String displayName)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("PUT", withDigest(location, digest), repo));
        if (r.statusCode() != 201) {
            throw http.failure("committing the upload of " + displayName + " (" + digest + ") to " + repo, r);
        }
        OciHttp.drain(r);
        Optional<String> stored = r.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(digest)) {
            throw new RegistryException(Kind.PROTOCOL, "Registry " + display + " stored the upload of " + displayName
                    + " as " + stored.get() + " although it was committed as " + digest);
        }
    }

    private static Digests.Hashed await(Future<Digests.Hashed> upload) throws IOException, InterruptedException {
        try {
            return upload.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    private static URI withDigest(URI location, String digest) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        return URI.create(location + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    }
}
