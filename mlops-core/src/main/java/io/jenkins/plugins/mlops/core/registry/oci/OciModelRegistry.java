package io.jenkins.plugins.mlops.core.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.AliasRules;
import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.FileLocks;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model registry on any OCI distribution registry (CNCF distribution, Harbor, GHCR, ECR...). Each model is a
 * repository {@code <prefix>/<name>}; each version a ModelPack artifact. The model's history artifact, tagged
 * {@value OciArtifacts#HISTORY_TAG}, is its source of truth: it pins every registered version to its manifest
 * digest and records every alias move. The tags {@code v1}, {@code v2}... and {@code production}... are mirrors
 * for plain OCI tools; every read checks them against the pins, so a moved tag is reported as tampering and a
 * deleted version as deleted, never silently replaced. Nothing but the registry holds state. See
 * {@code docs/registry.md} for the mapping and for what concurrent writers can and cannot rely on: the distribution
 * API has no atomic compare-and-set of a tag.
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
        // Another tool's repository or an unreadable history refuses the registration before any upload.
        historyOf(repo, name, null);
        List<ModelFile> files = new ArrayList<>();
        Map<String, FileMetadata> metadata = new HashMap<>();
        Set<String> present = new HashSet<>();
        for (ModelSource.SourceFile src : sources) {
            // every blob is committed before the manifest below can name it: a failure here leaves no version
            Digests.Hashed h = blobs.pushFile(repo, src.file(), src.path(), present);
            files.add(new ModelFile(src.path(), h.digest(), h.size()));
            metadata.put(src.path(), FileMetadata.of(src.file(), src.path()));
        }
        try (FileLocks.Held lock = hostLock(repo)) {
            return commitVersion(repo, request, files, metadata);
        }
    }

    /**
     * Adds the version to the model's history, which is the commit point: read the history, take the number after
     * the highest one it ever pinned, push the manifest by digest, then replace the history (optimistically: if it
     * moved meanwhile, start over on the new one). Only then are the tags written, as mirrors.
     */
    private ModelVersion commitVersion(String repo, RegistrationRequest request, List<ModelFile> files,
            Map<String, FileMetadata> metadata) throws IOException, InterruptedException {
        String name = request.getName();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HistoryState state = historyOf(repo, name, null);
            int next = state.history.highest() + 1;
            // A tag the history does not know is another tool's (or a tamperer's): never overwrite it.
            for (int skipped = 0; manifestDigest(repo, OciArtifacts.versionTag(next)) != null; skipped++, next++) {
                if (skipped >= MAX_ATTEMPTS) {
                    throw new RegistryException(Kind.FOREIGN, repo + " in " + location + " holds version tags up to v"
                            + next + " that mlops did not register; choose another model name");
                }
            }
            // The time is taken in the same critical section that assigns the number, so createdAt follows the
            // version order even when registrations overlap.
            ModelVersion version = new ModelVersion(name, next, null, clock.instant(), files, request.getMetrics(),
                    request.getParams(), request.getGate(), request.getLineage());
            byte[] config = OciArtifacts.config(version);
            String configDigest = pushBytes(repo, config);
            byte[] manifest = OciArtifacts.modelManifest(version, configDigest, config.length, metadata);
            String digest = Digests.sha256(manifest);
            putManifest(repo, digest, manifest);
            ModelVersion registered = version.withDigest(digest);
            OciHistory pinned = state.history.plus(new OciHistory.Pin(next, digest));
            List<AliasEvent> events = new ArrayList<>();
            AliasHistory planned = pinned.aliases();
            for (String alias : request.getAliases()) {
                AliasEvent e = AliasRules.plan(planned, name, registered, alias, request.isForce(),
                        request.getLineage().actorOrDefault(), clock.instant());
                if (e.isMove()) {
                    events.add(e);
                    planned = planned.plus(e);
                }
            }
            if (!replaceHistory(repo, state, pinned.plus(events))) {
                continue;
            }
            try {
                putManifest(repo, OciArtifacts.versionTag(next), manifest);
                for (AliasEvent e : events) {
                    putManifest(repo, e.getAlias(), manifest);
                }
            } catch (IOException e) {
                throw new RegistryException(e instanceof RegistryException r ? r.getKind() : Kind.UNAVAILABLE,
                        name + " v" + next + " was registered (" + digest + ")" + (events.isEmpty() ? ""
                        : " with aliases " + request.getAliases()) + ", but its tags could not be written: "
                        + e.getMessage(), e);
            }
            return registered;
        }
        throw new RegistryException(Kind.CONFLICT, "Could not claim a version number for " + repo + " in "
                + location + " after " + MAX_ATTEMPTS + " attempts: other registrations kept taking them");
    }

    @Override
    public ModelVersion get(String name, int version) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelNames.requireVersion("version", version);
        String repo = location.repository(name);
        HistoryState state = historyOf(repo, name, OciArtifacts.versionTag(version));
        if (state.absent()) {
            throw new RegistryException(Kind.NOT_FOUND, "No model named " + name + " in " + location);
        }
        return readVersion(repo, name, version, state.history);
    }

    /** One version, read by its pinned digest and checked against its tag. */
    private ModelVersion readVersion(String repo, String name, int version, OciHistory history)
            throws IOException, InterruptedException {
        String tag = OciArtifacts.versionTag(version);
        String where = repo + ":" + tag + " in " + location;
        OciHistory.Pin pin = history.pin(version);
        if (pin == null) {
            if (manifestDigest(repo, tag) != null) {
                throw notInHistory(repo, tag, version);
            }
            throw new RegistryException(Kind.NOT_FOUND, "Model " + name + " has no version " + version + " in " + location);
        }
        Manifest m = getManifest(repo, pin.digest());
        if (m == null) {
            throw new RegistryException(Kind.CORRUPT, "Version " + version + " of " + name + " is gone from "
                    + location + ": its history pins it to manifest " + pin.digest() + " of " + repo
                    + ", which the registry no longer has (deleted through the registry's API?)");
        }
        ModelVersion v = readRecord(m, where);
        if (!v.getName().equals(name) || v.getVersion() != version) {
            throw new RegistryException(Kind.CORRUPT, where + " holds " + v.getName() + " v" + v.getVersion()
                    + " instead of " + name + " v" + version);
        }
        checkLayersMatchRecord(v, m.json.path("layers"), where);
        String tagged = manifestDigest(repo, tag);
        if (tagged != null && !tagged.equals(pin.digest())) {
            throw new RegistryException(Kind.CORRUPT, "Tag " + tag + " of " + repo + " in " + location + " was"
                    + " moved: the model's history pins v" + version + " to " + pin.digest() + ", but the tag now"
                    + " points at " + tagged + ". A registered version never changes, so this is tampering (or"
                    + " another tool overwrote the tag); v" + version + " is not read until the tag points at "
                    + pin.digest() + " again");
        }
        return v;
    }

    /** Our record from a manifest, or why the manifest is not one of ours. */
    private ModelVersion readRecord(Manifest m, String where) throws RegistryException {
        JsonNode record = m.json.path("annotations").path(OciArtifacts.MLOPS_RECORD);
        boolean ours = OciArtifacts.MANIFEST.equals(m.json.path("mediaType").asText())
                && OciArtifacts.MODEL_ARTIFACT.equals(m.json.path("artifactType").asText()) && record.isTextual();
        if (!ours) {
            throw new RegistryException(Kind.FOREIGN, where + " is not a model registered by mlops: it is "
                    + OciArtifacts.describe(m.json));
        }
        String annotation = where + " (annotation " + OciArtifacts.MLOPS_RECORD + ")";
        return RegistryJson.readRecord(RegistryJson.readTree(record.asText().getBytes(StandardCharsets.UTF_8),
                annotation), m.digest, annotation);
    }

    @Override
    public List<ListedVersion> listVersions(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        String repo = location.repository(name);
        HistoryState state = historyOf(repo, name, null);
        if (state.absent()) {
            throw new RegistryException(Kind.NOT_FOUND, "No model named " + name + " in " + location);
        }
        TreeMap<Integer, ListedVersion> out = new TreeMap<>();
        for (OciHistory.Pin pin : state.history.versions()) {
            try {
                out.put(pin.version(), ListedVersion.readable(readVersion(repo, name, pin.version(), state.history)));
            } catch (RegistryException e) {
                if (e.getKind() == Kind.AUTH || e.getKind() == Kind.UNAVAILABLE) {
                    throw e;
                }
                out.put(pin.version(), ListedVersion.unreadable(pin.version(), e));
            }
        }
        for (String tag : tags(repo)) {
            Matcher m = VERSION_TAG.matcher(tag);
            if (m.matches() && !out.containsKey(Integer.parseInt(m.group(1)))) {
                int number = Integer.parseInt(m.group(1));
                out.put(number, ListedVersion.unreadable(number, notInHistory(repo, tag, number)));
            }
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public Optional<Integer> latestVersion(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        HistoryState state = historyOf(location.repository(name), name, null);
        int highest = state.history.highest();
        return highest == 0 ? Optional.empty() : Optional.of(highest);
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
            try {
                HistoryState state = historyOf(repo, name, null);
                if (state.absent()) {
                    continue; // an empty repository: nothing left in it
                }
                OciHistory h = state.history;
                out.add(new ModelSummary(name, h.versions().size(), h.highest() == 0 ? null : h.highest(),
                        h.aliases().current()));
            } catch (RegistryException e) {
                if (e.getKind() == Kind.AUTH || e.getKind() == Kind.UNAVAILABLE) {
                    throw e;
                }
                // another tool's repository, or one model's unreadable history: say so and list the rest
                out.add(ModelSummary.unreadable(name, e));
            }
        }
        return out;
    }

    @Override
    public Map<String, Integer> aliases(String name) throws IOException, InterruptedException {
        String repo = requireModel(name);
        return historyOf(repo, name, null).history.aliases().current();
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
            updateHistory(repo, name, history -> {
                AliasEvent e = AliasRules.plan(history, name, target, alias, force, actor, clock.instant());
                result[0] = e;
                return e.isMove() ? List.of(e) : List.of();
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
        AliasHistory h = historyOf(repo, name, null).history.aliases();
        return alias == null ? h.events() : h.of(alias);
    }

    @Override
    public AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException {
        ModelNames.requireAlias("alias", alias);
        String repo = requireModel(name);
        try (FileLocks.Held lock = hostLock(repo)) {
            AliasEvent[] result = new AliasEvent[1];
            updateHistory(repo, name, history -> {
                AliasEvent e = AliasRules.planRollback(history, name, alias, actor, clock.instant());
                get(name, e.getToVersion());
                result[0] = e;
                return List.of(e);
            });
            return result[0];
        }
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

    // ---- history -------------------------------------------------------------------------------------------

    /** The history and the digest of the manifest it was read from (null when the repository has none). */
    private record HistoryState(OciHistory history, String manifestDigest) {
        boolean absent() {
            return manifestDigest == null;
        }
    }

    @FunctionalInterface
    private interface HistoryPlanner {
        List<AliasEvent> plan(AliasHistory current) throws IOException, InterruptedException;
    }

    /**
     * The model's history. A repository without one is a model not registered yet when it is empty, and another
     * tool's content when it holds tags.
     *
     * @param tag the tag the caller asked about, named in the message about foreign content (null: none)
     */
    private HistoryState historyOf(String repo, String name, String tag) throws IOException, InterruptedException {
        Manifest m = getManifest(repo, OciArtifacts.HISTORY_TAG);
        String where = repo + ":" + OciArtifacts.HISTORY_TAG + " in " + location;
        if (m == null) {
            List<String> tags = tags(repo).stream().sorted().toList();
            if (!tags.isEmpty()) {
                String shown = tags.size() > 5 ? String.join(", ", tags.subList(0, 5)) + ", ..." : String.join(", ", tags);
                throw new RegistryException(Kind.FOREIGN, (tag == null ? repo : repo + ":" + tag) + " in " + location
                        + " is not a model registered by mlops: the repository has no mlops history (tag "
                        + OciArtifacts.HISTORY_TAG + "); its tags are " + shown);
            }
            return new HistoryState(OciHistory.empty(), null);
        }
        if (!OciArtifacts.HISTORY_ARTIFACT.equals(m.json.path("artifactType").asText())
                || m.json.path("layers").size() != 1) {
            throw new RegistryException(Kind.FOREIGN, "Model " + name + " cannot be read: " + where + " is not an"
                    + " mlops history but " + OciArtifacts.describe(m.json));
        }
        String digest = m.json.path("layers").path(0).path("digest").asText();
        byte[] bytes = getBlobBytes(repo, digest, "the history of " + name);
        return new HistoryState(OciHistory.read(bytes, "of model " + name + " (" + where + ")"), m.digest);
    }

    /**
     * Replaces the history if it is still the one {@code read} saw: check the tag, push, read it back. Returns
     * false when another writer changed it first, so that the caller plans again on the new one.
     */
    private boolean replaceHistory(String repo, HistoryState read, OciHistory updated)
            throws IOException, InterruptedException {
        byte[] history = updated.bytes();
        String historyDigest = pushBytes(repo, history);
        pushBytes(repo, OciArtifacts.EMPTY_JSON);
        byte[] manifest = OciArtifacts.historyManifest(historyDigest, history.length);
        String manifestDigest = Digests.sha256(manifest);
        if (!Objects.equals(manifestDigest(repo, OciArtifacts.HISTORY_TAG), read.manifestDigest)) {
            return false;
        }
        putManifest(repo, OciArtifacts.HISTORY_TAG, manifest);
        return manifestDigest.equals(manifestDigest(repo, OciArtifacts.HISTORY_TAG));
    }

    /** Adds alias moves to the history, then moves the alias tags to mirror it. */
    private void updateHistory(String repo, String name, HistoryPlanner planner) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HistoryState state = historyOf(repo, name, null);
            List<AliasEvent> events = planner.plan(state.history.aliases());
            if (events.isEmpty()) {
                return;
            }
            if (!replaceHistory(repo, state, state.history.plus(events))) {
                continue;
            }
            for (AliasEvent e : events) {
                OciHistory.Pin pin = state.history.pin(e.getToVersion());
                Manifest target = pin == null ? null : getManifest(repo, pin.digest());
                if (target != null) {
                    putManifest(repo, e.getAlias(), target.bytes);
                }
            }
            return;
        }
        throw new RegistryException(Kind.CONFLICT, "Could not update the alias history of " + repo + " in " + location
                + " after " + MAX_ATTEMPTS + " attempts: other writers kept changing it");
    }

    private RegistryException notInHistory(String repo, String tag, int version) {
        return new RegistryException(Kind.FOREIGN, repo + ":" + tag + " in " + location + " is not a version"
                + " registered by mlops: v" + version + " is not in the model's history (another tool pushed the"
                + " tag, or someone put it there by hand)");
    }

    // ---- distribution API ----------------------------------------------------------------------------------

    /** A manifest's bytes (verified against its digest), parsed, and its digest. */
    private record Manifest(byte[] bytes, JsonNode json, String digest) {
    }

    private String requireModel(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        String repo = location.repository(name);
        if (historyOf(repo, name, null).absent()) {
            throw new RegistryException(Kind.NOT_FOUND, "No model named " + name + " in " + location);
        }
        return repo;
    }

    private FileLocks.Held hostLock(String repo) throws IOException, InterruptedException {
        // Serializes writers of one model on this machine (threads, parallel builds, CLI processes); see docs for hosts.
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mlops-oci-locks");
        String key = Digests.sha256((location.baseUri() + "/" + repo).getBytes(StandardCharsets.UTF_8));
        try {
            Files.createDirectories(dir);
            return FileLocks.lock(dir.resolve(Digests.hex(key).substring(0, 24) + ".lock"));
        } catch (java.nio.file.FileSystemException e) {
            throw io.jenkins.plugins.mlops.core.registry.FileErrors.failure("lock " + repo + " for writing on this"
                    + " machine", e);
        }
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
                .header("Accept", OciArtifacts.ACCEPT));
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
        HttpResponse<InputStream> r = http.send(new OciHttp.Call("GET", uri, repo).header("Accept", OciArtifacts.ACCEPT));
        if (r.statusCode() == 404) {
            OciHttp.drain(r);
            return null;
        }
        if (r.statusCode() != 200) {
            throw http.failure("GET of " + repo + ":" + reference, r);
        }
        byte[] bytes = OciHttp.readAll(r);
        String actual = Digests.sha256(bytes);
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        Optional<String> claimed = r.headers().firstValue("Docker-Content-Digest");
        if (claimed.isPresent() && !claimed.get().equals(actual)) {
            throw new DigestMismatchException("manifest " + repo + ":" + reference, uri.toString(), claimed.get(), actual);
        }
        if (reference.startsWith("sha256:") && !reference.equals(actual)) {
            throw new DigestMismatchException("manifest " + repo + "@" + reference, uri.toString(), reference, actual);
        }
        JsonNode json;
        try {
            json = OciArtifacts.parse(bytes);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new RegistryException(Kind.FOREIGN, repo + ":" + reference + " in " + location + " is not a model"
                    + " registered by mlops: its manifest is not a JSON object (" + contentType + ")");
        }
        return new Manifest(bytes, json, actual);
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
