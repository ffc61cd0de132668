package io.jenkins.plugins.mlops.core.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed upload of large files (POST, PATCHes hashing as they send, PUT ?digest=) against a real distribution
 * registry, scaled down so that a few MiB exercise it: files from 1 MiB are streamed, in 2 MiB segments. A
 * {@link HoldingProxy} in front of the registry stands for a slow link where a test needs the upload to be in flight
 * at a known moment.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // an upload that never stops must fail the build, not hang it
class OciStreamedUploadIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    private static final int MIB = 1024 * 1024;
    private static final OciBlobUploads.Tuning SCALED_DOWN = new OciBlobUploads.Tuning(MIB, 2 * MIB, Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void largeFilesAreStreamedCommittedOnceAndPullBackVerified() throws Exception {
        String prefix = prefix();
        Path model = Files.createDirectories(tmp.resolve("model"));
        byte[] large = randomBytes(5 * MIB + 123, 1); // three segments, the last with a partial chunk
        byte[] small = randomBytes(1000, 2);
        Files.createDirectories(model.resolve("sub"));
        Files.write(model.resolve("sub/weights.bin"), large);
        Files.write(model.resolve("config.bin"), small);
        String repo = prefix + "/streamed";
        int mark = REGISTRY.accessLog().size();

        OciModelRegistry r = open(prefix, REGISTRY.port(), SCALED_DOWN);
        ModelVersion v = r.register(request("streamed", model));

        assertThat(v.getFiles()).extracting(ModelFile::getPath, ModelFile::getDigest, ModelFile::getSize).containsExactly(
                org.assertj.core.groups.Tuple.tuple("config.bin", Digests.sha256(small), (long) small.length),
                org.assertj.core.groups.Tuple.tuple("sub/weights.bin", Digests.sha256(large), (long) large.length));
        List<String> log = since(mark);
        assertThat(log).as("only the large file is streamed, one PATCH per segment")
                .filteredOn(l -> l.contains("\"PATCH /v2/" + repo + "/blobs/uploads/")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("HTTP/1.1\" 202 "));
        assertThat(log).as("each file is committed once, with its digest")
                .filteredOn(commitOf(repo, Digests.sha256(large))).hasSize(1);
        assertThat(log).filteredOn(commitOf(repo, Digests.sha256(small))).hasSize(1);
        assertThat(REGISTRY.uploadsHoldingData(repo)).as("no upload left open").isEmpty();
        assertNoUploadThreadOutlives();

        Path out = tmp.resolve("out");
        r.pull("streamed", "1", out);
        assertThat(Files.readAllBytes(out.resolve("sub/weights.bin"))).isEqualTo(large);
        assertThat(Files.readAllBytes(out.resolve("config.bin"))).isEqualTo(small);
        assertThat(r.verify("streamed", 1).getDigest()).isEqualTo(v.getDigest());
    }

    @Test
    void reRegisteringLargeContentStopsItsUploadAfterOneSegmentAndDeletesIt() throws Exception {
        String prefix = prefix();
        String repo = prefix + "/same";
        int size = 16 * MIB;
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.write(model.resolve("weights.bin"), randomBytes(size, 3));
        OciBlobUploads.Tuning oneMibSegments = new OciBlobUploads.Tuning(MIB, MIB, Duration.ofSeconds(10));
        ModelVersion v1 = open(prefix, REGISTRY.port(), oneMibSegments).register(request("same", model));
        String digest = v1.getFiles().get(0).getDigest();
        int mark = REGISTRY.accessLog().size();

        try (HoldingProxy slowLink = HoldingProxy.limitedTo(REGISTRY.port(), 4 * MIB)) {
            // 4 s for the whole file at this rate; hashing it takes milliseconds
            ModelVersion v2 = open(prefix, slowLink.port(), oneMibSegments).register(request("same", model));

            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v2.getFiles()).isEqualTo(v1.getFiles());
            assertThat(slowLink.forwarded()).as("bytes that reached the registry").isLessThan(size / 2);
        }
        awaitLog(mark, l -> l.contains("\"DELETE /v2/" + repo + "/blobs/uploads/") && l.contains("HTTP/1.1\" 204 "));
        assertThat(since(mark)).as("nothing committed again").filteredOn(commitOf(repo, digest)).isEmpty();
        assertThat(REGISTRY.uploadsHoldingData(repo)).as("the registry dropped what was sent").isEmpty();
        assertNoUploadThreadOutlives();
    }

    @Test
    void aSkippedUploadThatCannotFinishItsSegmentIsAbortedAndItsConnectionClosed() throws Exception {
        String prefix = prefix();
        String repo = prefix + "/stuck";
        int size = 16 * MIB;
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.write(model.resolve("weights.bin"), randomBytes(size, 7));
        OciBlobUploads.Tuning shortGrace = new OciBlobUploads.Tuning(MIB, 4 * MIB, Duration.ofMillis(200));
        ModelVersion v1 = open(prefix, REGISTRY.port(), shortGrace).register(request("stuck", model));
        int mark = REGISTRY.accessLog().size();

        try (HoldingProxy stuckLink = HoldingProxy.holdingAfter(REGISTRY.port(), MIB)) {
            // no segment can complete through this link until it is released
            ModelVersion v2 = open(prefix, stuckLink.port(), shortGrace).register(request("stuck", model));

            assertThat(v2.getFiles()).isEqualTo(v1.getFiles());
            assertThat(stuckLink.forwarded()).isLessThan(size / 4);
            assertNoUploadThreadOutlives();
            awaitLog(mark, l -> l.contains("\"DELETE /v2/" + repo + "/blobs/uploads/"));
            stuckLink.release();
            for (HoldingProxy.Link link : stuckLink.patchLinks()) {
                assertThat(link.closedByClient.await(10, TimeUnit.SECONDS)).as("the aborted PATCH's connection is closed")
                        .isTrue();
            }
        }
        assertThat(since(mark)).as("nothing committed again")
                .filteredOn(commitOf(repo, v1.getFiles().get(0).getDigest())).isEmpty();
    }

    @Test
    void aFileThatChangesWhileItIsUploadedIsRefusedAndNothingIsRegistered() throws Exception {
        String prefix = prefix();
        String repo = prefix + "/changing";
        int size = 32 * MIB;
        Path model = Files.createDirectories(tmp.resolve("model"));
        Path file = model.resolve("weights.bin");
        byte[] original = randomBytes(size, 4);
        Files.write(file, original);
        String before = Digests.sha256(original);
        int mark = REGISTRY.accessLog().size();

        try (HoldingProxy slowLink = HoldingProxy.holdingAfter(REGISTRY.port(), MIB)) {
            OciModelRegistry viaSlowLink = open(prefix, slowLink.port(), SCALED_DOWN);
            FutureTask<ModelVersion> registering = new FutureTask<>(() -> viaSlowLink.register(request("changing", model)));
            new Thread(registering, "test-register").start();
            // the HEAD comes after the independent hash: from here on that hash is of the original bytes, while the
            // upload is held inside its first 2 MiB segment, far before the last 4 MiB
            awaitLog(mark, l -> l.contains("\"HEAD /v2/" + repo + "/blobs/" + before + " HTTP/1.1\" 404"));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(size - 4L * MIB);
                raf.write(randomBytes(4 * MIB, 5));
            }
            slowLink.release();

            Throwable failure = null;
            try {
                registering.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.getKind()).isEqualTo(RegistryException.Kind.CORRUPT))
                    .hasMessageContaining("Model file 'weights.bin' (" + file + ") changed while it was being registered")
                    .hasMessageContaining(before)
                    .hasMessageContaining("nothing was registered");
        }
        OciModelRegistry r = open(prefix, REGISTRY.port(), SCALED_DOWN);
        assertThat(r.latestVersion("changing")).as("no version is visible").isEmpty();
        awaitLog(mark, l -> l.contains("\"DELETE /v2/" + repo + "/blobs/uploads/"));
        assertThat(since(mark)).as("no blob was committed")
                .noneMatch(l -> l.contains("\"PUT /v2/" + repo + "/blobs/uploads/"));
        assertThat(REGISTRY.uploadsHoldingData(repo)).as("the upload was deleted").isEmpty();
        assertNoUploadThreadOutlives();
    }

    @Test
    void anInterruptedRegistrationAbortsItsUploadAndLeavesNoVersion() throws Exception {
        String prefix = prefix();
        String repo = prefix + "/interrupted";
        Path model = Files.createDirectories(tmp.resolve("model"));
        byte[] content = randomBytes(16 * MIB, 6);
        Files.write(model.resolve("weights.bin"), content);
        int mark = REGISTRY.accessLog().size();

        try (HoldingProxy slowLink = HoldingProxy.holdingAfter(REGISTRY.port(), MIB)) {
            OciModelRegistry viaSlowLink = open(prefix, slowLink.port(), SCALED_DOWN);
            Throwable[] thrown = new Throwable[1];
            Thread registering = new Thread(() -> {
                try {
                    viaSlowLink.register(request("interrupted", model));
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            }, "test-register");
            registering.start();
            assertThat(slowLink.awaitHeld(WAIT)).as("the upload is in flight").isTrue();
            awaitLog(mark, l -> l.contains("\"HEAD /v2/" + repo + "/blobs/" + Digests.sha256(content)));
            registering.interrupt(); // what aborting a Jenkins build does
            registering.join(WAIT.toMillis());

            assertThat(registering.isAlive()).isFalse();
            assertThat(thrown[0]).isInstanceOf(InterruptedException.class);
            assertNoUploadThreadOutlives();
            awaitLog(mark, l -> l.contains("\"DELETE /v2/" + repo + "/blobs/uploads/"));
            slowLink.release();
            assertThat(slowLink.patchLinks()).isNotEmpty().allSatisfy(link -> assertThat(
                    link.closedByClient.await(10, TimeUnit.SECONDS)).as("the aborted PATCH's connection is closed").isTrue());
        }
        // The DELETE named the session's offset before the aborted PATCH, so distribution 2.8 refuses it and keeps
        // the partial bytes until its upload purge; registries that honour it drop them. Either way: no version.
        assertThat(open(prefix, REGISTRY.port(), SCALED_DOWN).latestVersion("interrupted")).as("no version is visible")
                .isEmpty();
        assertThat(since(mark)).as("no blob was committed")
                .noneMatch(l -> l.contains("\"PUT /v2/" + repo + "/blobs/uploads/"));
    }

    private static OciModelRegistry open(String prefix, int port, OciBlobUploads.Tuning tuning) {
        return new OciModelRegistry(OciLocation.parse("oci://127.0.0.1:" + port + "/" + prefix), REGISTRY.credentials(),
                Clock.systemUTC(), tuning);
    }

    private static String prefix() {
        return "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static RegistrationRequest request(String name, Path model) {
        return RegistrationRequest.builder().name(name).modelPath(model.toString()).gate(GateRecord.of(true, null)).build();
    }

    /** A committing {@code PUT} of an upload with this digest (URL-encoded in the query). */
    private static Predicate<String> commitOf(String repo, String digest) {
        return l -> l.contains("\"PUT /v2/" + repo + "/blobs/uploads/") && l.contains(Digests.hex(digest))
                && l.contains("HTTP/1.1\" 201 ");
    }

    private static List<String> since(int mark) throws Exception {
        List<String> all = REGISTRY.accessLog();
        return all.subList(mark, all.size());
    }

    private static void awaitLog(int mark, Predicate<String> line) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (since(mark).stream().noneMatch(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the registry's access log shows no such request: " + since(mark));
            }
            Thread.sleep(20);
        }
    }

    /** Upload threads end with their registration; a thread may take a moment to leave after its pool terminated. */
    private static void assertNoUploadThreadOutlives() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith(OciBlobUploads.UPLOAD_THREAD) && t.isAlive())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("an upload thread outlived its registration");
            }
            Thread.sleep(20);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
