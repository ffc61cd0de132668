package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.AliasRules;
import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.FileLocks;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSource;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.PullTarget;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryCredentials;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryException.Kind;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model registry on any OCI distribution registry (CNCF distribution, Harbor, GHCR, ECR...). Each model is a
 * repository {@code <prefix>/<name>}; each version an artifact tagged {@code v1}, {@code v2}...; aliases are
 * recorded in a history artifact tagged {@value OciArtifacts#HISTORY_TAG} and mirrored as tags such as
 * {@code production}. Nothing but the registry holds state. See {@code docs/registry.md} for the mapping and for
 * what concurrent writers can and cannot rely on: the distribution API has no atomic "create tag if absent".
 */
public final class OciModelRegistry implements ModelRegistry {

    private static final Pattern VERSION_TAG = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_ATTEMPTS = 10;

    private final OciLocation location;
    private final OciHttp http;
    private final OciBlobUploads blobs;
    private final Clock clock;

    /** @param credentials null for anonymous access */
    public OciModelRegistry(OciLocation location, RegistryCredentials credentials) {
        this(location, credentials, Clock.systemUTC());
    }

    public OciModelRegistry(OciLocation location, RegistryCredentials credentials, Clock clock) {
        this(location, credentials, clock, OciBlobUploads.Tuning.DEFAULT);
    }

    /** @param uploads when and how large files are streamed (tests scale it down to use small files) */
    OciModelRegistry(OciLocation location, RegistryCredentials credentials, Clock clock, OciBlobUploads.Tuning uploads) {
        this.location = location;
        this.http = new OciHttp(location.baseUri(), location.toString(), credentials);
        this.blobs = new OciBlobUploads(http, location.toString(), uploads);
        this.clock = clock;
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public ModelVersion register(RegistrationRequest request) throws IOException, InterruptedException {
        String name = request.getName();
        AliasRules.checkNewVersionMayReceive(name, request.getGate(), request.getAliases(), request.isForce());
        List<ModelSource.SourceFile> sources = ModelSource.scan(Path.of(request.getModelPath()));
        String repo = location.repository(name);
        List<ModelFile> files = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (ModelSource.SourceFile src : sources) {
            // every blob is committed before the manifest below can name it: a failure here leaves no version
            Digests.Hashed h = blobs.pushFile(repo, src.file(), src.path(), present);
            files.add(new ModelFile(src.path(), h.digest(), h.size()));
        }
        ModelVersion draft = new ModelVersion(name, 0, null, clock.instant(), files, request.getMetrics(),
                request.getParams(), request.getGate(), request.getLineage());
        try (FileLocks.Held lock = hostLock(repo)) {
            ModelVersion registered = commitVersion(repo, draft);
            if (!request.getAliases().isEmpty()) {
                try {
                    String actor = request.getLineage().actorOrDefault();
                    updateHistory(repo, history -> {
                        List<AliasEvent> events = new ArrayList<>();
                        AliasHistory h = history;
                        for (String alias : request.getAliases()) {
                            AliasEvent e = AliasRules.plan(h, name, registered, alias, request.isForce(), actor, clock.instant());
                            if (e.isMove()) {
                                events.add(e);
                                h = h.plus(e);
                            }
                        }
                        return HistoryChange.moves(events);
                    });
                } catch (IOException e) {
                    throw RegistryException.aliasesNotSet(registered, request.getAliases(), e);
                }
            }
            return registered;
        }
    }

    /**
     * Claims the next free version tag. Optimistic: pick max+1, check the tag is still free, push, then read the tag
     * back; if another writer's manifest is there, try the next number.
     */
    private ModelVersion commitVersion(String repo, ModelVersion draft) throws IOException, InterruptedException {
        int next = versionNumbers(repo).stream().max(Integer::compare).orElse(0) + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, next++) {
            String tag = OciArtifacts.versionTag(next);
            if (manifestDigest(repo, tag) != null) {
                continue;
            }
            ModelVersion version = draft.withVersion(next);
            byte[] config = OciArtifacts.config(version);
            String configDigest = pushBytes(repo, config);
            byte[] manifest = OciArtifacts.modelManifest(version, configDigest, config.length);
            String digest = Digests.sha256(manifest);
            putManifest(repo, tag, manifest);
            if (digest.equals(manifestDigest(repo, tag))) {
                return version.withDigest(digest);
            }
        }
        throw new RegistryException(Kind.CONFLICT, "Could not claim a version number for " + repo + " in "
                + location + " after " + MAX_ATTEMPTS + " attempts: other registrations kept taking them");
    }

    @Override
    public ModelVersion get(String name, int version) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelNames.requireVersion("version", version);
        String repo = location.repository(name);
        String tag = OciArtifacts.versionTag(version);
        Manifest m = getManifest(repo, tag);
        if (m == null) {
            throw new RegistryException(Kind.NOT_FOUND, "Model " + name + " has no version " + version + " in " + location);
        }
        JsonNode config = m.json.path("config");
        if (!OciArtifacts.MODEL_CONFIG.equals(config.path("mediaType").asText())) {
            throw new RegistryException(Kind.PROTOCOL, repo + ":" + tag + " in " + location + " is not a model"
                    + " registered by mlops (config media type " + config.path("mediaType").asText() + ")");
        }
        String configUrl = blobUri(repo, config.path("digest").asText()).toString();
        byte[] configBytes = getBlobBytes(repo, config.path("digest").asText(), "the config of " + name + " v" + version);
        JsonNode record = OciArtifacts.parse(configBytes).get("mlops");
        ModelVersion v = RegistryJson.readRecord(record, m.digest, configUrl);
        if (!v.getName().equals(name) || v.getVersion() != version) {
            throw new RegistryException(Kind.CORRUPT, repo + ":" + tag + " in " + location + " holds " + v.getName()
                    + " v" + v.getVersion() + " instead of " + name + " v" + version);
        }
        checkLayersMatchRecord(v, m.json.path("layers"), repo + ":" + tag);
        return v;
    }

    @Override
    public List<ModelVersion> versions(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        List<ModelVersion> out = new ArrayList<>();
        for (int v : versionNumbers(location.repository(name))) {
            out.add(get(name, v));
        }
        return out;
    }

    @Override
    public Optional<Integer> latestVersion(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        TreeSet<Integer> numbers = versionNumbers(location.repository(name));
        return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.last());
    }

    @Override
    public List<ModelSummary> list() throws IOException, InterruptedException {
        TreeSet<String> names = new TreeSet<>();
        for (String repo : catalog()) {
            String name = location.modelName(repo);
            if (name != null) {
                names.add(name);
            }
        }
        List<ModelSummary> out = new ArrayList<>();
        for (String name : names) {
            String repo = location.repository(name);
            TreeSet<Integer> numbers = versionNumbers(repo);
            if (numbers.isEmpty()) {
                continue; // some other artifact under the prefix, not a model of ours
            }
            out.add(new ModelSummary(name, numbers.size(), numbers.last(), readHistory(repo).history.current()));
        }
        return out;
    }

    @Override
    public Map<String, Integer> aliases(String name) throws IOException, InterruptedException {
        String repo = requireModel(name);
        return readHistory(repo).history.current();
    }

    @Override
    public AliasEvent setAlias(String name, String alias, int version, boolean force, String actor)
            throws IOException, InterruptedException {
        ModelNames.requireAlias("alias", alias);
        ModelNames.requireVersion("version", version);
        String repo = requireModel(name);
        ModelVersion target = get(name, version);
        try (FileLocks.Held lock = hostLock(repo)) {
            AliasEvent[] result = new AliasEvent[1];
            updateHistory(repo, history -> {
                AliasEvent e = AliasRules.plan(history, name, target, alias, force, actor, clock.instant());
                result[0] = e;
                return HistoryChange.moves(e.isMove() ? List.of(e) : List.of());
            });
            return result[0];
        }
    }

    @Override
    public List<AliasEvent> aliasHistory(String name, String alias) throws IOException, InterruptedException {
        if (alias != null) {
            ModelNames.requireAlias("alias", alias);
        }
        String repo = requireModel(name);
        AliasHistory h = readHistory(repo).history;
        return alias == null ? h.events() : h.of(alias);
    }

    @Override
    public AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException {
        ModelNames.requireAlias("alias", alias);
        String repo = requireModel(name);
        try (FileLocks.Held lock = hostLock(repo)) {
            AliasEvent[] result = new AliasEvent[1];
            updateHistory(repo, history -> {
                AliasEvent e = AliasRules.planRollback(history, name, alias, actor, clock.instant());
                get(name, e.getToVersion());
                result[0] = e;
                return HistoryChange.moves(List.of(e));
            });
            return result[0];
        }
    }

    @Override
    public DeploymentEvent recordDeployment(String name, DeploymentEvent deployment)
            throws IOException, InterruptedException {
        String repo = requireModel(name);
        get(name, deployment.getVersion());
        try (FileLocks.Held lock = hostLock(repo)) {
            updateHistory(repo, history -> new HistoryChange(List.of(), List.of(deployment)));
            return deployment;
        }
    }

    @Override
    public AliasHistory history(String name) throws IOException, InterruptedException {
        return readHistory(requireModel(name)).history;
    }

    @Override
    public ModelVersion pull(String name, String reference, Path targetDir) throws IOException, InterruptedException {
        ModelVersion v = resolve(name, reference);
        String repo = location.repository(name);
        PullTarget.writeAll(v, targetDir, (f, part) -> {
            Digests.Hashed h;
            try (InputStream in = openBlob(repo, f.getDigest())) {
                h = Digests.copy(in, part, false);
            }
            checkFile(v, f, repo, h);
        });
        return v;
    }

    @Override
    public ModelVersion verify(String name, int version) throws IOException, InterruptedException {
        ModelVersion v = get(name, version);
        String repo = location.repository(name);
        for (ModelFile f : v.getFiles()) {
            java.security.MessageDigest md = Digests.newSha256();
            long size = 0;
            try (InputStream in = openBlob(repo, f.getDigest())) {
                byte[] buf = new byte[1 << 20];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    size += n;
                }
            }
            checkFile(v, f, repo, new Digests.Hashed(Digests.format(md), size));
        }
        return v;
    }

    @Override
    public void close() {
        // HttpClient has no close on Java 17; its threads end with the last reference
    }

    // ---- alias history -------------------------------------------------------------------------------------

    /** The history and the digest of the manifest it was read from (null when there is none yet). */
    private record HistoryState(AliasHistory history, String manifestDigest) {
    }

    @FunctionalInterface
    private interface HistoryPlanner {
        HistoryChange plan(AliasHistory current) throws IOException, InterruptedException;
    }

    /** What one update appends to the history: alias moves (mirrored as tags) and deployments. */
    private record HistoryChange(List<AliasEvent> moves, List<DeploymentEvent> deployments) {
        static HistoryChange moves(List<AliasEvent> moves) {
            return new HistoryChange(moves, List.of());
        }

        boolean isEmpty() {
            return moves.isEmpty() && deployments.isEmpty();
        }
    }

    private HistoryState readHistory(String repo) throws IOException, InterruptedException {
        Manifest m = getManifest(repo, OciArtifacts.HISTORY_TAG);
        if (m == null) {
            return new HistoryState(AliasHistory.empty(), null);
        }
        JsonNode layer = m.json.path("layers").path(0);
        String digest = layer.path("digest").asText();
        byte[] bytes = getBlobBytes(repo, digest, "the alias history of " + repo);
        return new HistoryState(RegistryJson.readHistory(bytes, blobUri(repo, digest).toString()), m.digest);
    }

    /**
     * Read-modify-write of the history with an optimistic check: if the history tag moved while we planned, plan
     * again on the new history. The tags named after aliases are then moved to mirror it.
     */
    private void updateHistory(String repo, HistoryPlanner planner) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HistoryState state = readHistory(repo);
            HistoryChange change = planner.plan(state.history);
            if (change.isEmpty()) {
                return;
            }
            List<AliasEvent> events = change.moves();
            AliasHistory updated = state.history;
            for (AliasEvent e : events) {
                updated = updated.plus(e);
            }
            for (DeploymentEvent d : change.deployments()) {
                updated = updated.plus(d);
            }
            byte[] history = RegistryJson.historyBytes(updated);
            String historyDigest = pushBytes(repo, history);
            pushBytes(repo, OciArtifacts.EMPTY_JSON);
            byte[] manifest = OciArtifacts.historyManifest(historyDigest, history.length);
            String manifestDigest = Digests.sha256(manifest);
            if (!Objects.equals(manifestDigest(repo, OciArtifacts.HISTORY_TAG), state.manifestDigest)) {
                continue;
            }
            putManifest(repo, OciArtifacts.HISTORY_TAG, manifest);
            if (!manifestDigest.equals(manifestDigest(repo, OciArtifacts.HISTORY_TAG))) {
                continue;
            }
            for (AliasEvent e : events) {
                Manifest target = getManifest(repo, OciArtifacts.versionTag(e.getToVersion()));
                if (target != null) {
                    putManifest(repo, e.getAlias(), target.bytes);
                }
            }
            return;
        }
        throw new RegistryException(Kind.CONFLICT, "Could not update the alias history of " + repo + " in " + location
                + " after " + MAX_ATTEMPTS + " attempts: other writers kept changing it");
    }

    // ---- distribution API ----------------------------------------------------------------------------------

    /** A manifest's bytes (verified against its digest), parsed, and its digest. */
    private record Manifest(byte[] bytes, JsonNode json, String digest) {
    }

    private String requireModel(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        String repo = location.repository(name);
        if (versionNumbers(repo).isEmpty()) {
            throw new RegistryException(Kind.NOT_FOUND, "No model named " + name + " in " + location);
        }
        return repo;
    }

    private FileLocks.Held hostLock(String repo) throws IOException, InterruptedException {
        // Serializes writers of one model on this machine (threads, parallel builds, CLI processes); see docs for hosts.
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mlops-oci-locks");
        Files.createDirectories(dir);
        String key = Digests.sha256((location.baseUri() + "/" + repo).getBytes(StandardCharsets.UTF_8));
        return FileLocks.lock(dir.resolve(Digests.hex(key).substring(0, 24) + ".lock"));
    }

    private TreeSet<Integer> versionNumbers(String repo) throws IOException, InterruptedException {
        TreeSet<Integer> out = new TreeSet<>();
        for (String tag : tags(repo)) {
            Matcher m = VERSION_TAG.matcher(tag);
            if (m.matches()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }

    private List<String> tags(String repo) throws IOException, InterruptedException {
        return paged(http.api(repo + "/tags/list?n=1000"), repo, "tags", "list the tags of " + repo);
    }

    private List<String> catalog() throws IOException, InterruptedException {
        try {
            return paged(http.api("_catalog?n=1000"), "", "repositories", "list its repositories");
        } catch (RegistryException e) {
            if (e.getKind() == Kind.NOT_FOUND || e.getKind() == Kind.AUTH) {
                throw new RegistryException(e.getKind(), "Registry " + location + " does not let this client list"
                        + " repositories (catalog API), so models cannot be listed; ask for a model by name instead. "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private List<String> paged(URI first, String scope, String field, String what) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        URI uri = first;
        for (int page = 0; uri != null && page < 1000; page++) {
            HttpResponse<InputStream> r = http.send(new OciHttp.Call("GET", uri, scope));
            if (r.statusCode() == 404 && !scope.isEmpty()) {
                OciHttp.drain(r);
                return out;
            }
            if (r.statusCode() != 200) {
                throw http.failure(what, r);
            }
            for (JsonNode t : OciArtifacts.parse(OciHttp.readAll(r)).path(field)) {
                out.add(t.asText());
            }
            Optional<String> link = r.headers().firstValue("Link");
            uri = null;
            if (link.isPresent()) {
                Matcher m = NEXT_LINK.matcher(link.get());
                if (m.find()) {
                    uri = http.resolve(m.group(1));
                }
            }
        }
        return out;
    }

    private URI blobUri(String repo, String digest) {
        return blobs.blobUri(repo, digest);
    }

    private String pushBytes(String repo, byte[] bytes) throws IOException, InterruptedException {
        return blobs.pushBytes(repo, bytes);
    }

    private byte[] getBlobBytes(String repo, String digest, String what) throws IOException, InterruptedException {
        byte[] bytes;
        try (InputStream in = openBlob(repo, digest)) {
            bytes = in.readAllBytes();
        }
        String actual = Digests.sha256(bytes);
        if (!actual.equals(digest)) {
            throw new DigestMismatchException(what, blobUri(repo, digest).toString(), digest, actual);
        }
        return bytes;
    }

    /** A blob's content stream (see {@link OciHttp#download}). */
    private InputStream openBlob(String repo, String digest) throws IOException, InterruptedException {
        if (!Digests.isSha256(digest)) {
            throw new RegistryException(Kind.CORRUPT, "Stored digest '" + digest + "' in " + repo + " is not a sha256 digest");
        }
        InputStream in = http.download(blobUri(repo, digest), repo);
        if (in == null) {
            throw new RegistryException(Kind.CORRUPT, "Blob " + digest + " of " + repo + " is missing from " + location);
        }
        return in;
    }

    /** The digest a tag or digest reference points at, or null when it does not exist. */
    private String manifestDigest(String repo, String reference) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("HEAD", http.api(repo + "/manifests/" + reference), repo)
                .header("Accept", OciArtifacts.MANIFEST));
        OciHttp.drain(r);
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw http.failure("HEAD of " + repo + ":" + reference, r);
        }
        Optional<String> d = r.headers().firstValue("Docker-Content-Digest");
        if (d.isPresent()) {
            return d.get();
        }
        Manifest m = getManifest(repo, reference);
        return m == null ? null : m.digest;
    }

    /** A manifest verified against the digest the registry reports; null when the reference does not exist. */
    private Manifest getManifest(String repo, String reference) throws IOException, InterruptedException {
        URI uri = http.api(repo + "/manifests/" + reference);
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("GET", uri, repo).header("Accept", OciArtifacts.MANIFEST));
        if (r.statusCode() == 404) {
            OciHttp.drain(r);
            return null;
        }
        if (r.statusCode() != 200) {
            throw http.failure("GET of " + repo + ":" + reference, r);
        }
        byte[] bytes = OciHttp.readAll(r);
        String actual = Digests.sha256(bytes);
        Optional<String> claimed = r.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && !claimed.get().equals(actual)) {
            throw new DigestMismatchException("manifest " + repo + ":" + reference, uri.toString(), claimed.get(), actual);
        }
        if (reference.startsWith("sha256:") && !reference.equals(actual)) {
            throw new DigestMismatchException("manifest " + repo + "@" + reference, uri.toString(), reference, actual);
        }
        return new Manifest(bytes, OciArtifacts.parse(bytes), actual);
    }

    private void putManifest(String repo, String reference, byte[] manifest) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("PUT", http.api(repo + "/manifests/" + reference), repo)
                .header("Content-Type", OciArtifacts.MANIFEST)
                .body(() -> HttpRequest.BodyPublishers.ofByteArray(manifest)));
        if (r.statusCode() != 201) {
            throw http.failure("pushing manifest " + repo + ":" + reference, r);
        }
        OciHttp.drain(r);
    }

    private void checkFile(ModelVersion v, ModelFile f, String repo, Digests.Hashed h) throws DigestMismatchException {
        if (!h.digest().equals(f.getDigest()) || h.size() != f.getSize()) {
            throw new DigestMismatchException("model file '" + f.getPath() + "' of " + v.getName() + " v" + v.getVersion(),
                    blobUri(repo, f.getDigest()).toString(), f.getDigest(), h.digest());
        }
    }

    private static void checkLayersMatchRecord(ModelVersion v, JsonNode layers, String where) throws RegistryException {
        List<ModelFile> files = v.getFiles();
        boolean same = layers.size() == files.size();
        for (int i = 0; same && i < files.size(); i++) {
            JsonNode l = layers.get(i);
            same = files.get(i).getDigest().equals(l.path("digest").asText())
                    && files.get(i).getPath().equals(l.path("annotations").path(OciArtifacts.FILEPATH).asText());
        }
        if (!same) {
            throw new RegistryException(Kind.CORRUPT, "The layers of " + where + " do not match the files its record lists");
        }
    }
}
