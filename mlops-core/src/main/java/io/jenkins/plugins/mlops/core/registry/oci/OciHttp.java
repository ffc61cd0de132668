package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.registry.RegistryCredentials;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP for the OCI distribution API on {@link HttpClient}, with the registry authentication dance: a request
 * answered {@code 401} is repeated with Basic credentials or with a Bearer token fetched from the realm the
 * {@code WWW-Authenticate} challenge names (Docker Hub, GHCR, Harbor, ECR...). Authorization headers are cached per
 * repository. Credentials never appear in an exception message.
 */
final class OciHttp {

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** A read that meets a transient failure is sent at most this many times in all. */
    static final int READ_ATTEMPTS = 3;
    static final long MAX_RETRY_AFTER_SECONDS = 10;
    private static final int BLOCK = 1024 * 1024;
    /** The {@code Range} of an upload session: {@code 0-<last byte>}, with or without the {@code bytes=} unit. */
    private static final Pattern UPLOAD_RANGE = Pattern.compile("(?:bytes=)?0-([0-9]+)");

    private final HttpClient client;
    private final URI base;
    private final String display;
    private final RegistryCredentials credentials;
    private final Map<String, String> authByScope = new ConcurrentHashMap<>();

    OciHttp(URI base, String display, RegistryCredentials credentials) {
        this.base = base;
        this.display = display;
        this.credentials = credentials;
        // HTTP/1.1: registries rarely speak h2c, and an upgrade attempt would cost a round trip per connection.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One API call; the body publisher is a supplier because a call may be sent twice (after a 401). */
    static final class Call {
        final String method;
        final URI uri;
        final String scope;
        final Map<String, String> headers = new LinkedHashMap<>();
        Supplier<HttpRequest.BodyPublisher> body = HttpRequest.BodyPublishers::noBody;
        Duration timeout = SMALL_REQUEST_TIMEOUT;
        boolean expectContinue;

        Call(String method, URI uri, String scope) {
            this.method = method;
            this.uri = uri;
            this.scope = scope;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call body(Supplier<HttpRequest.BodyPublisher> publisher) {
            this.body = publisher;
            return this;
        }

        /** Large transfers: no overall timeout (a slow 10 GB download is not a hung one). */
        Call noTimeout() {
            this.timeout = null;
            return this;
        }

        /** Large uploads: also ask the server before sending the body, so that a 401 costs no upload. */
        Call largeUpload() {
            this.timeout = null;
            this.expectContinue = true;
            return this;
        }
    }

    URI api(String path) {
        return base.resolve("/v2/" + path);
    }

    URI resolve(String location) {
        return base.resolve(location);
    }

    /**
     * Sends a call, authenticating when challenged. The response body is a stream the caller must close; for
     * status codes the caller did not expect it should use {@link #failure}.
     */
    HttpResponse<InputStream> send(Call call) throws IOException, InterruptedException {
        String auth = authByScope.get(call.scope);
        HttpResponse<InputStream> r = exchangeRetrying(call, auth);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            drain(r);
            String fresh = authenticate(challenge);
            authByScope.put(call.scope, fresh);
            r = exchangeRetrying(call, fresh);
            if (r.statusCode() == 401) {
                drain(r);
                throw refused(call);
            }
        }
        if (r.statusCode() == 403) {
            drain(r);
            throw new RegistryException(Kind.AUTH, "Registry " + display + " does not allow "
                    + (credentials == null ? "anonymous access" : credentials.getUsername()) + " to " + call.method
                    + " " + call.uri.getPath() + " (HTTP 403)");
        }
        return r;
    }

    /**
     * Streams a file as the body of a {@code PUT} (a monolithic blob upload) and returns the status code, after
     * authenticating like {@link #send}. Large transfers use {@link HttpURLConnection}: its blocking fixed-length
     * stream with 1 MiB writes keeps up with curl, where {@link HttpClient}'s body publishers reach about half of
     * that. The file is never held in memory.
     */
    int uploadFile(URI uri, String scope, Path file) throws IOException, InterruptedException {
        long size = Files.size(file);
        for (int attempt = 0; ; attempt++) {
            HttpURLConnection c = open("PUT", uri, scope);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(size);
            c.setRequestProperty("Content-Type", "application/octet-stream");
            int code;
            try {
                try (OutputStream out = c.getOutputStream(); FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (n > 0) {
                            out.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                    }
                }
                code = c.getResponseCode();
            } catch (ConnectException e) {
                throw unreachable("connection refused", e);
            } catch (java.net.SocketTimeoutException e) {
                throw unreachable("the connection timed out", e);
            }
            if (code == 401 && attempt == 0) {
                String challenge = c.getHeaderField("WWW-Authenticate");
                discard(c);
                authByScope.put(scope, authenticate(challenge == null ? "" : challenge));
                continue;
            }
            checkAuth(code, "PUT", uri, c);
            if (code != 201) {
                throw failure("uploading " + file.getFileName() + " to " + scope, code, errorBody(c));
            }
            discard(c);
            return code;
        }
    }

    /**
     * Where an upload session continues after a {@code PATCH}, and the (still open) digest of everything sent into it
     * so far.
     */
    record Patched(URI location, MessageDigest hashedThrough) {
    }

    /**
     * Sends bytes {@code [offset, offset + length)} of a file into an upload session as one {@code PATCH} (a chunk of
     * the OCI chunked flow), hashing them as they are handed to the connection, continuing {@code before}, the digest
     * of the bytes sent earlier; authenticates like {@link #send}. Returns the session's new location, which the next
     * request must use: registries such as CNCF distribution carry the upload's state (its offset) in that URL.
     *
     * <p>This runs on {@link HttpClient} because {@link HttpURLConnection} refuses the PATCH method; a publisher
     * handing over 1 MiB chunks keeps up with curl, unlike the client's own file publisher and its small buffers.
     * Interrupting the calling thread aborts the exchange and closes its connection.
     */
    Patched patchRange(URI session, String scope, Path file, String displayName, long offset, long length,
            MessageDigest before) throws IOException, InterruptedException {
        long last = offset + length - 1;
        HashingFilePublisher[] body = new HashingFilePublisher[1];
        Call call = new Call("PATCH", session, scope)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + last)
                .noTimeout()
                .body(() -> {
                    // a fresh pass per attempt: after a 401 the body is sent again, and only the last pass counts
                    body[0] = new HashingFilePublisher(file, displayName, offset, length, before);
                    return HttpRequest.BodyPublishers.fromPublisher(body[0], length);
                });
        HttpResponse<InputStream> r;
        try {
            r = send(call);
        } catch (IOException e) {
            IOException reading = body[0] == null ? null : body[0].failure();
            if (reading != null && reading != e) {
                reading.addSuppressed(e);
                throw reading;
            }
            throw e;
        }
        if (r.statusCode() != 202) {
            throw failure("streaming " + displayName + " (bytes " + offset + "-" + last + ") into an upload to "
                    + scope, r);
        }
        drain(r);
        MessageDigest hashed = body[0].hashedThrough();
        String received = r.headers().firstValue("Range").orElse(null);
        Matcher range = received == null ? null : UPLOAD_RANGE.matcher(received.trim());
        if (hashed == null || (range != null && range.matches() && Long.parseLong(range.group(1)) != last)) {
            throw new RegistryException(Kind.PROTOCOL, "Registry " + display + " accepted bytes " + offset + "-"
                    + last + " of " + displayName + " but reports holding " + received);
        }
        String next = r.headers().firstValue("Location").orElseThrow(() -> new RegistryException(Kind.PROTOCOL,
                "Registry " + display + " accepted an upload chunk without a Location header"));
        return new Patched(session.resolve(next), hashed);
    }

    /**
     * A download's body stream ({@code GET}, authenticating and following the redirects registries use to hand
     * downloads to object storage, without sending our credentials to another host); null on 404.
     */
    InputStream download(URI start, String scope) throws IOException, InterruptedException {
        URI uri = start;
        boolean authenticated = false;
        for (int hop = 0; hop < 10; hop++) {
            HttpURLConnection c = open("GET", uri, scope);
            int code;
            try {
                code = c.getResponseCode();
            } catch (ConnectException e) {
                throw unreachable("connection refused", e);
            } catch (java.net.SocketTimeoutException e) {
                throw unreachable("the connection timed out", e);
            }
            if (code == 200) {
                return c.getInputStream();
            }
            if (code == 401 && !authenticated && sameOrigin(uri)) {
                String challenge = c.getHeaderField("WWW-Authenticate");
                discard(c);
                authByScope.put(scope, authenticate(challenge == null ? "" : challenge));
                authenticated = true;
                continue;
            }
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                String next = c.getHeaderField("Location");
                discard(c);
                if (next == null) {
                    throw new RegistryException(Kind.PROTOCOL, "Registry " + display + " redirected a download without a Location header");
                }
                uri = uri.resolve(next);
                continue;
            }
            if (code == 404) {
                discard(c);
                return null;
            }
            checkAuth(code, "GET", uri, c);
            throw failure("downloading " + start.getPath(), code, errorBody(c));
        }
        throw new RegistryException(Kind.PROTOCOL, "Too many redirects downloading " + start.getPath() + " from " + display);
    }

    private HttpURLConnection open(String method, URI uri, String scope) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(15_000);
        c.setReadTimeout(300_000);
        String auth = authByScope.get(scope);
        if (auth != null && sameOrigin(uri)) {
            c.setRequestProperty("Authorization", auth);
        }
        return c;
    }

    private void checkAuth(int code, String method, URI uri, HttpURLConnection c) throws RegistryException {
        if (code == 401) {
            discard(c);
            Call call = new Call(method, uri, "");
            throw refused(call);
        }
        if (code == 403) {
            discard(c);
            throw new RegistryException(Kind.AUTH, "Registry " + display + " does not allow "
                    + (credentials == null ? "anonymous access" : credentials.getUsername()) + " to " + method
                    + " " + uri.getPath() + " (HTTP 403)");
        }
    }

    private static byte[] errorBody(HttpURLConnection c) {
        try (InputStream in = c.getErrorStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void discard(HttpURLConnection c) {
        try (InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // nothing to reuse
        }
    }

    /** Reads a whole (small) response body, closing it. */
    static byte[] readAll(HttpResponse<InputStream> r) throws IOException {
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        }
    }

    static void drain(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is gone; nothing to reuse
        }
    }

    /** An exception for an unexpected status, with the registry's own error code and message when it sent one. */
    RegistryException failure(String what, HttpResponse<InputStream> r) {
        byte[] body;
        try {
            body = readAll(r);
        } catch (IOException e) {
            body = new byte[0];
        }
        return failure(what, r.statusCode(), body);
    }

    private RegistryException failure(String what, int status, byte[] body) {
        String detail = "";
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : errors) {
                sb.append(sb.length() == 0 ? "" : "; ").append(e.path("code").asText()).append(": ")
                        .append(e.path("message").asText());
            }
            detail = sb.length() > 0 ? " (" + sb + ")" : "";
        } catch (IOException | RuntimeException ignored) {
            // not a JSON error body; the status says enough
        }
        if (credentials != null && credentials.appearsIn(detail)) {
            detail = "";
        }
        Kind kind = status == 404 ? Kind.NOT_FOUND : status >= 500 ? Kind.UNAVAILABLE : Kind.PROTOCOL;
        return new RegistryException(kind, "Registry " + display + " answered HTTP " + status + " to " + what + detail);
    }

    /**
     * {@link #exchange}, with a bounded retry of reads ({@code GET}, {@code HEAD}) that met a transient failure: a
     * 5xx answer, {@code 429 Too Many Requests}, or a broken connection. Registries answer that way under load
     * (distribution's filesystem driver answers a HEAD of a blob another client is committing with a 500; hosted
     * registries throttle with 429 and 503); a read has no effect, so sending it again is safe. Writes are never
     * sent twice: their failure is reported as it happened.
     */
    private HttpResponse<InputStream> exchangeRetrying(Call call, String authorization)
            throws IOException, InterruptedException {
        boolean idempotent = call.method.equals("GET") || call.method.equals("HEAD");
        for (int attempt = 1; ; attempt++) {
            boolean last = !idempotent || attempt == READ_ATTEMPTS;
            HttpResponse<InputStream> r;
            try {
                r = exchange(call, authorization);
            } catch (RegistryException e) {
                if (last || e.getKind() != Kind.UNAVAILABLE) {
                    throw e;
                }
                Thread.sleep(retryDelayMillis(attempt, null));
                continue;
            }
            int status = r.statusCode();
            if (last || !(status >= 500 || status == 429)) {
                return r;
            }
            String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            drain(r);
            Thread.sleep(retryDelayMillis(attempt, retryAfter));
        }
    }

    /** 250 ms, then 1 s, or what {@code Retry-After} asks when it asks for at most {@link #MAX_RETRY_AFTER_SECONDS}. */
    static long retryDelayMillis(int attempt, String retryAfter) {
        if (retryAfter != null && retryAfter.matches("[0-9]{1,6}")) {
            return Math.min(Long.parseLong(retryAfter), MAX_RETRY_AFTER_SECONDS) * 1000;
        }
        return attempt == 1 ? 250 : 1000;
    }

    private HttpResponse<InputStream> exchange(Call call, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri).method(call.method, call.body.get());
        call.headers.forEach(b::header);
        if (authorization != null && sameOrigin(call.uri)) {
            b.header("Authorization", authorization);
        }
        if (call.timeout != null) {
            b.timeout(call.timeout);
        }
        if (call.expectContinue) {
            b.expectContinue(true);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("the connection timed out", e);
        } catch (ConnectException e) {
            throw unreachable("connection refused", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new RegistryException(Kind.UNAVAILABLE, "Registry " + display + " did not answer " + call.method
                    + " " + call.uri.getPath() + " in time", e);
        } catch (IOException e) {
            throw new RegistryException(Kind.UNAVAILABLE, "Talking to the model registry at " + base + " failed during "
                    + call.method + " " + call.uri.getPath() + ": " + e, e);
        }
    }

    private boolean sameOrigin(URI uri) {
        return uri.getHost() == null || (base.getHost().equalsIgnoreCase(uri.getHost()) && base.getPort() == uri.getPort()
                && base.getScheme().equalsIgnoreCase(uri.getScheme()));
    }

    private RegistryException unreachable(String why, IOException cause) {
        return new RegistryException(Kind.UNAVAILABLE, "Cannot reach the model registry at " + base + " (" + display
                + "): " + why, cause);
    }

    private RegistryException refused(Call call) {
        if (credentials == null) {
            return new RegistryException(Kind.AUTH, "Registry " + display + " requires credentials for " + call.method
                    + " " + call.uri.getPath() + "; set " + RegistryCredentials.USERNAME_ENV + " and "
                    + RegistryCredentials.PASSWORD_ENV);
        }
        return new RegistryException(Kind.AUTH, "Registry " + display + " refused the credentials of user '"
                + credentials.getUsername() + "' (HTTP 401); check " + RegistryCredentials.USERNAME_ENV + " and "
                + RegistryCredentials.PASSWORD_ENV);
    }

    /** The Authorization header that answers a {@code WWW-Authenticate} challenge. */
    private String authenticate(String challenge) throws IOException, InterruptedException {
        String scheme = challenge.contains(" ") ? challenge.substring(0, challenge.indexOf(' ')) : challenge;
        if (scheme.equalsIgnoreCase("Basic")) {
            if (credentials == null) {
                throw new RegistryException(Kind.AUTH, "Registry " + display + " requires credentials; set "
                        + RegistryCredentials.USERNAME_ENV + " and " + RegistryCredentials.PASSWORD_ENV);
            }
            return credentials.basicAuthorization();
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return "Bearer " + fetchToken(challenge);
        }
        throw new RegistryException(Kind.AUTH, "Registry " + display + " asks for authentication scheme '" + scheme
                + "', which is not supported (Basic and Bearer are)");
    }

    private String fetchToken(String challenge) throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new RegistryException(Kind.AUTH, "Registry " + display + " sent a Bearer challenge without a realm");
        }
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) {
            query.append("service=").append(enc(params.get("service")));
        }
        if (params.containsKey("scope")) {
            for (String s : params.get("scope").split(" ")) {
                query.append(query.length() == 0 ? "" : "&").append("scope=").append(enc(s));
            }
        }
        URI tokenUri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).GET().timeout(SMALL_REQUEST_TIMEOUT);
        if (credentials != null) {
            b.header("Authorization", credentials.basicAuthorization());
        }
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RegistryException(Kind.UNAVAILABLE, "Cannot reach the token service " + tokenUri.getScheme()
                    + "://" + tokenUri.getAuthority() + tokenUri.getPath() + " of registry " + display, e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new RegistryException(Kind.AUTH, "The token service of registry " + display + " refused "
                    + (credentials == null ? "anonymous access; set " + RegistryCredentials.USERNAME_ENV + " and "
                    + RegistryCredentials.PASSWORD_ENV : "the credentials of user '" + credentials.getUsername() + "'")
                    + " (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(Kind.AUTH, "The token service of registry " + display + " answered HTTP "
                    + r.statusCode());
        }
        JsonNode body = JSON.readTree(r.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(Kind.AUTH, "The token service of registry " + display + " sent no token");
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
