package io.jenkins.plugins.mlops.core.registry.oci;

import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A second OCI client for tests, speaking the distribution API directly: it pushes what another tool (or an
 * attacker with push rights) would, and reads back exactly what the registry stores.
 */
final class RawOciClient {

    /** Every manifest kind, spelled out here rather than taken from the code under test. */
    static final String ACCEPT = "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json,"
            + " application/vnd.docker.distribution.manifest.v2+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String auth;
    private final java.util.Map<String, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();

    RawOciClient(DistributionRegistry registry) {
        this.base = "http://127.0.0.1:" + registry.port() + "/v2/";
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (DistributionRegistry.USER + ":" + registry.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes a blob (monolithic upload); returns its digest. */
    String putBlob(String repo, byte[] bytes) throws IOException, InterruptedException {
        String digest = Digests.sha256(bytes);
        sizes.put(digest, (long) bytes.length);
        HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(start, 202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(base).resolve(location);
        String sep = upload.getQuery() == null ? "?" : "&";
        expect(send(HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))), 201);
        return digest;
    }

    /** The size of a blob this client pushed. */
    long size(String digest) {
        return sizes.get(digest);
    }

    /** Puts a manifest under a tag or digest; returns its digest. */
    String putManifest(String repo, String reference, String mediaType, byte[] manifest)
            throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(URI.create(base + repo + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))), 201);
        sizes.put(Digests.sha256(manifest), (long) manifest.length);
        return Digests.sha256(manifest);
    }

    String putManifest(String repo, String reference, String json) throws IOException, InterruptedException {
        return putManifest(repo, reference, "application/vnd.oci.image.manifest.v1+json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    byte[] getManifest(String repo, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + repo + "/manifests/" + reference))
                .header("Authorization", auth).header("Accept", ACCEPT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET manifest " + repo + ":" + reference + " answered " + r.statusCode());
        }
        return r.body();
    }

    byte[] getBlob(String repo, String digest) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + repo + "/blobs/" + digest))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET blob " + repo + "@" + digest + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** Deletes a manifest (and with it every tag on it), as the registry's API allows anyone with delete rights. */
    void deleteManifest(String repo, String digest) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(URI.create(base + repo + "/manifests/" + digest)).DELETE()), 202);
    }

    /** The digest a tag points at, or null. */
    String tagDigest(String repo, String tag) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + repo + "/manifests/" + tag))
                .header("Accept", ACCEPT).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        return r.statusCode() == 404 ? null : r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) throws IOException {
        if (r.statusCode() != status) {
            throw new IOException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
    }
}
