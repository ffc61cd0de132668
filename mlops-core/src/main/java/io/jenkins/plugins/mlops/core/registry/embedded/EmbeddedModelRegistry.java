package io.jenkins.plugins.mlops.core.registry.embedded;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.AliasRules;
import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.FileErrors;
import io.jenkins.plugins.mlops.core.registry.FileLocks;
import io.jenkins.plugins.mlops.core.registry.ListedVersion;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSource;
import io.jenkins.plugins.mlops.core.registry.PullTarget;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import io.jenkins.plugins.mlops.core.registry.RegistryJson;
import io.jenkins.plugins.mlops.core.registry.StreamedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A model registry in a local directory: content-addressed blobs plus one immutable directory per version. See
 * {@code docs/registry.md} for the layout. The guarantees:
 * <ul>
 *   <li>A version appears whole or not at all: its files and record are written in a private staging directory
 *   and the version directory is created by one atomic rename. A crash or kill at any moment leaves either no
 *   version or a complete one; stray staging directories are removed by later registrations.</li>
 *   <li>Version numbers are 1, 2, 3... without gaps, also with registrations from many threads and processes at
 *   once: the number is chosen, and the rename done, under a per-model file lock.</li>
 *   <li>Every read verifies digests and fails with {@link DigestMismatchException} naming the file.</li>
 * </ul>
 */
public final class EmbeddedModelRegistry implements ModelRegistry {

    static final String VERSION_FILE = "version.json";
    static final String VERSION_DIGEST_FILE = "version.json.sha256";
    static final String ALIASES_FILE = "aliases.json";
    /** Long enough to cover creating and locking a staging directory; crashed ones older than this go. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final Path root;
    private final boolean durable;
    private final Clock clock;
    private final StagingArea staging;

    /** A durable registry (files are forced to disk before a version becomes visible) at {@code root}. */
    public EmbeddedModelRegistry(Path root) throws IOException {
        this(root, true, Clock.systemUTC());
    }

    /**
     * @param durable fsync blobs and records before a version becomes visible, so that it survives power loss and
     *                not only a crash of the process; turning it off is for throwaway registries
     * @param clock   the time stamps of versions and alias moves
     */
    public EmbeddedModelRegistry(Path root, boolean durable, Clock clock) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.durable = durable;
        this.clock = clock;
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new MlopsArgumentException("registry", this.root + " exists and is not a directory");
        }
        // Opening touches nothing: reading commands must never create a registry (a mistyped location would
        // silently become an empty one), and a registry the user may only read must open. register() creates it.
        this.staging = new StagingArea(this.root.resolve("tmp"));
    }

    /** The registry's directory. */
    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** Removes staging directories of registrations that died at least {@code minAge} ago; returns how many. */
    public int removeStaleStaging(Duration minAge) throws IOException {
        return staging.removeStale(minAge);
    }

    /** A call on the store's files. */
    @FunctionalInterface
    private interface FileCall<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Runs a reading call, turning a refusal of the operating system into a message that says what and why. */
    private <T> T reading(FileCall<T> call) throws IOException, InterruptedException {
        try {
            return call.run();
        } catch (FileSystemException e) {
            throw FileErrors.failure("read the model registry at " + root, e);
        }
    }

    private void requireRegistry() throws RegistryException {
        if (!exists()) {
            throw RegistryException.noRegistryAt(root.toString());
        }
    }

    @Override
    public ModelVersion register(RegistrationRequest request) throws IOException, InterruptedException {
        AliasRules.checkNewVersionMayReceive(request.getName(), request.getGate(), request.getAliases(), request.isForce());
        List<ModelSource.SourceFile> sources = ModelSource.scan(Path.of(request.getModelPath()));
        return register(request, sources.size(), (i, target) -> {
            ModelSource.SourceFile src = sources.get(i);
            Digests.Hashed h = Digests.copy(src.file(), target, durable);
            return new ModelFile(src.path(), h.digest(), h.size());
        });
    }

    /**
     * Registers files that arrive as streams, e.g. from a Jenkins agent, without a temporary copy: each stream is
     * hashed while it is written into the staging area. {@link RegistrationRequest#getModelPath()} is only recorded
     * for messages; the content comes from {@code files}.
     */
    @Override
    public ModelVersion register(RegistrationRequest request, List<StreamedFile> files)
            throws IOException, InterruptedException {
        AliasRules.checkNewVersionMayReceive(request.getName(), request.getGate(), request.getAliases(), request.isForce());
        List<StreamedFile> sorted = StreamedFile.checked(files);
        return register(request, sorted.size(), (i, target) -> {
            StreamedFile f = sorted.get(i);
            try (InputStream in = f.opener().open()) {
                Digests.Hashed h = Digests.copy(in, target, durable);
                return new ModelFile(f.path(), h.digest(), h.size());
            }
        });
    }

    /** Stores file {@code i} of a model at {@code target} (a new file) and says what was stored. */
    @FunctionalInterface
    private interface Stager {
        ModelFile stage(int i, Path target) throws IOException, InterruptedException;
    }

    private ModelVersion register(RegistrationRequest request, int fileCount, Stager stager)
            throws IOException, InterruptedException {
        try {
            return commit(request, fileCount, stager);
        } catch (FileSystemException e) {
            throw FileErrors.failure("register " + request.getName() + " in the model registry at " + root, e);
        }
    }

    private ModelVersion commit(RegistrationRequest request, int fileCount, Stager stager)
            throws IOException, InterruptedException {
        String name = request.getName();
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        Files.createDirectories(root.resolve("models"));
        staging.removeStale(STALE_AFTER);
        try (StagingArea.Staging stage = staging.create()) {
            List<ModelFile> files = new ArrayList<>();
            List<Path> staged = new ArrayList<>();
            for (int i = 0; i < fileCount; i++) {
                Path blob = stage.dir().resolve("blob-" + i);
                files.add(stager.stage(i, blob));
                staged.add(blob);
            }
            Path modelDir = modelDir(name);
            Files.createDirectories(modelDir.resolve("versions"));
            try (FileLocks.Held lock = FileLocks.lock(modelDir.resolve("lock"))) {
                int next = highestNumberEverUsed(name) + 1;
                // The time is taken under the lock that assigns the number, so that createdAt follows version order
                // even when registrations overlap (one that started first may commit second).
                ModelVersion draft = new ModelVersion(name, 0, null, clock.instant(), files, request.getMetrics(),
                        request.getParams(), request.getGate(), request.getLineage());
                for (int i = 0; i < files.size(); i++) {
                    Path target = blobPath(files.get(i).getDigest());
                    Files.createDirectories(target.getParent());
                    // Replacing an existing blob with a freshly hashed copy of the same bytes also heals a damaged one.
                    Files.move(staged.get(i), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                ModelVersion version = draft.withVersion(next);
                byte[] record = RegistryJson.recordBytes(version);
                String digest = Digests.sha256(record);
                Path versionStage = stage.dir().resolve("version");
                Files.createDirectory(versionStage);
                write(versionStage.resolve(VERSION_FILE), record);
                write(versionStage.resolve(VERSION_DIGEST_FILE), (digest + "\n").getBytes(StandardCharsets.US_ASCII));
                forceDirectory(versionStage);
                Path versionDir = modelDir.resolve("versions").resolve(Integer.toString(next));
                // The commit point: before this rename there is no version `next`, after it a whole one.
                Files.move(versionStage, versionDir, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory(versionDir.getParent());
                ModelVersion registered = version.withDigest(digest);
                if (!request.getAliases().isEmpty()) {
                    try {
                        AliasHistory history = readHistory(name);
                        for (String alias : request.getAliases()) {
                            AliasEvent e = AliasRules.plan(history, name, registered, alias, request.isForce(),
                                    request.getLineage().actorOrDefault(), clock.instant());
                            if (e.isMove()) {
                                history = history.plus(e);
                            }
                        }
                        writeHistory(name, history);
                    } catch (IOException e) {
                        throw RegistryException.aliasesNotSet(registered, request.getAliases(), e);
                    }
                }
                return registered;
            }
        }
    }

    @Override
    public ModelVersion get(String name, int version) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelNames.requireVersion("version", version);
        return reading(() -> {
            requireRegistry();
            return read(name, version);
        });
    }

    private ModelVersion read(String name, int version) throws IOException {
        Path dir = modelDir(name).resolve("versions").resolve(Integer.toString(version));
        if (!Files.isDirectory(dir)) {
            throw missing(name, version);
        }
        Path recordFile = dir.resolve(VERSION_FILE);
        Path digestFile = dir.resolve(VERSION_DIGEST_FILE);
        byte[] record;
        String expected;
        try {
            record = Files.readAllBytes(recordFile);
            expected = Files.readString(digestFile, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "Version " + version + " of " + name
                    + " is damaged: " + e.getFile() + " is missing");
        }
        String actual = Digests.sha256(record);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException("the record of " + name + " v" + version, recordFile.toString(),
                    expected, actual);
        }
        ModelVersion v = RegistryJson.readRecord(RegistryJson.readTree(record, recordFile.toString()), actual,
                recordFile.toString());
        if (!v.getName().equals(name) || v.getVersion() != version) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, recordFile + " holds " + v.getName() + " v"
                    + v.getVersion() + " instead of " + name + " v" + version);
        }
        return v;
    }

    @Override
    public List<ModelVersion> versions(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        if (!exists()) {
            return List.of();
        }
        return ModelRegistry.super.versions(name);
    }

    @Override
    public List<ListedVersion> listVersions(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        return reading(() -> {
            requireModel(name);
            List<ListedVersion> out = new ArrayList<>();
            // Every number up to the highest ever used: numbers are given without gaps, so a hole is a version
            // that was deleted, and it is reported rather than silently left out.
            int highest = highestNumberEverUsed(name);
            for (int v = 1; v <= highest; v++) {
                try {
                    out.add(ListedVersion.readable(read(name, v)));
                } catch (RegistryException e) {
                    out.add(ListedVersion.unreadable(v, e));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Integer> latestVersion(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        return reading(() -> {
            TreeSet<Integer> numbers = versionNumbers(name);
            return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.last());
        });
    }

    @Override
    public List<ModelSummary> list() throws IOException, InterruptedException {
        return reading(() -> {
            requireRegistry();
            TreeSet<String> names = new TreeSet<>();
            Path models = root.resolve("models");
            if (Files.isDirectory(models)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(models)) {
                    for (Path m : entries) {
                        if (Files.isDirectory(m) && isModelName(m.getFileName().toString())) {
                            names.add(m.getFileName().toString());
                        }
                    }
                }
            }
            List<ModelSummary> out = new ArrayList<>();
            for (String name : names) {
                TreeSet<Integer> numbers = versionNumbers(name);
                try {
                    out.add(new ModelSummary(name, numbers.size(), numbers.isEmpty() ? null : numbers.last(),
                            readHistory(name).current()));
                } catch (RegistryException e) {
                    // one model's unreadable alias history must not hide the other models
                    out.add(ModelSummary.unreadable(name, e));
                }
            }
            return out;
        });
    }

    @Override
    public Map<String, Integer> aliases(String name) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        return reading(() -> {
            requireModel(name);
            return readHistory(name).current();
        });
    }

    @Override
    public AliasEvent setAlias(String name, String alias, int version, boolean force, String actor)
            throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelNames.requireAlias("alias", alias);
        ModelNames.requireVersion("version", version);
        reading(() -> {
            requireModel(name);
            return null;
        });
        try (FileLocks.Held lock = FileLocks.lock(modelDir(name).resolve("lock"))) {
            ModelVersion target = read(name, version);
            AliasHistory history = readHistory(name);
            AliasEvent e = AliasRules.plan(history, name, target, alias, force, actor, clock.instant());
            if (e.isMove()) {
                writeHistory(name, history.plus(e));
            }
            return e;
        } catch (FileSystemException e) {
            throw FileErrors.failure("move alias '" + alias + "' of " + name + " in the model registry at " + root, e);
        }
    }

    @Override
    public List<AliasEvent> aliasHistory(String name, String alias) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        if (alias != null) {
            ModelNames.requireAlias("alias", alias);
        }
        return reading(() -> {
            requireModel(name);
            AliasHistory h = readHistory(name);
            return alias == null ? h.events() : h.of(alias);
        });
    }

    @Override
    public AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelNames.requireAlias("alias", alias);
        reading(() -> {
            requireModel(name);
            return null;
        });
        try (FileLocks.Held lock = FileLocks.lock(modelDir(name).resolve("lock"))) {
            AliasHistory history = readHistory(name);
            AliasEvent e = AliasRules.planRollback(history, name, alias, actor, clock.instant());
            read(name, e.getToVersion());
            writeHistory(name, history.plus(e));
            return e;
        } catch (FileSystemException e) {
            throw FileErrors.failure("roll back alias '" + alias + "' of " + name + " in the model registry at "
                    + root, e);
        }
    }

    @Override
    public ModelVersion pull(String name, String reference, Path targetDir) throws IOException, InterruptedException {
        ModelVersion v = resolve(name, reference);
        PullTarget.writeAll(v, targetDir, (f, part) -> {
            Path blob = blobPath(f.getDigest());
            Digests.Hashed h;
            try {
                h = Digests.copy(blob, part, false);
            } catch (NoSuchFileException e) {
                if (!blob.toString().equals(e.getFile())) {
                    throw e;
                }
                throw missingBlob(v, f, blob);
            }
            checkBlob(v, f, blob, h);
        });
        return v;
    }

    @Override
    public ModelVersion verify(String name, int version) throws IOException, InterruptedException {
        ModelVersion v = get(name, version);
        return reading(() -> {
            for (ModelFile f : v.getFiles()) {
                Path blob = blobPath(f.getDigest());
                try {
                    checkBlob(v, f, blob, Digests.sha256(blob));
                } catch (NoSuchFileException e) {
                    throw missingBlob(v, f, blob);
                }
            }
            return v;
        });
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    /** Where the blob with this digest lives: {@code blobs/sha256/<first two hex>/<hex>}. */
    public Path blobPath(String digest) throws RegistryException {
        if (!Digests.isSha256(digest)) {
            throw new RegistryException(RegistryException.Kind.CORRUPT, "Stored digest '" + digest
                    + "' is not a sha256 digest");
        }
        String hex = Digests.hex(digest);
        return root.resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    private static void checkBlob(ModelVersion v, ModelFile f, Path blob, Digests.Hashed h)
            throws DigestMismatchException {
        if (!h.digest().equals(f.getDigest()) || h.size() != f.getSize()) {
            throw new DigestMismatchException("model file '" + f.getPath() + "' of " + v.getName() + " v"
                    + v.getVersion() + (h.size() != f.getSize() ? " (size " + h.size() + " instead of " + f.getSize() + ")" : ""),
                    blob.toString(), f.getDigest(), h.digest());
        }
    }

    private static RegistryException missingBlob(ModelVersion v, ModelFile f, Path blob) {
        return new RegistryException(RegistryException.Kind.CORRUPT, "Model file '" + f.getPath() + "' of "
                + v.getName() + " v" + v.getVersion() + " is missing from the store: " + blob + " does not exist");
    }

    private Path modelDir(String name) {
        return root.resolve("models").resolve(name);
    }

    private void requireModel(String name) throws RegistryException {
        requireRegistry();
        if (!Files.isDirectory(modelDir(name).resolve("versions"))) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "No model named " + name + " in " + root);
        }
    }

    /**
     * Why a version directory is not there: a number below the highest one ever used was registered once (numbers
     * have no gaps), so its directory was deleted behind the registry's back; a higher number never existed.
     */
    private RegistryException missing(String name, int version) throws IOException {
        requireRegistry();
        if (!Files.isDirectory(modelDir(name))) {
            return new RegistryException(RegistryException.Kind.NOT_FOUND, "No model named " + name + " in " + root);
        }
        if (version <= highestNumberEverUsed(name)) {
            return new RegistryException(RegistryException.Kind.CORRUPT, "Version " + version + " of " + name
                    + " is missing from " + root + ": its directory " + modelDir(name).resolve("versions")
                    .resolve(Integer.toString(version)) + " was deleted, although later versions or an alias"
                    + " refer to it");
        }
        return new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + name + " has no version " + version
                + " in " + root);
    }

    /**
     * The highest number a version of this model has had: the highest directory, or a higher one an alias pointed
     * at (its directory was deleted). The next registration takes the one after it, so a number is never given
     * twice and a new model never inherits a deleted version's aliases.
     */
    private int highestNumberEverUsed(String name) throws IOException {
        TreeSet<Integer> numbers = versionNumbers(name);
        int highest = numbers.isEmpty() ? 0 : numbers.last();
        try {
            for (AliasEvent e : readHistory(name).events()) {
                highest = Math.max(highest, e.getToVersion());
            }
        } catch (IOException unreadable) {
            // an unreadable history is reported by the calls that need it; the directories still count
        }
        return highest;
    }

    private TreeSet<Integer> versionNumbers(String name) throws IOException {
        ModelNames.requireModelName("name", name);
        TreeSet<Integer> out = new TreeSet<>();
        Path dir = modelDir(name).resolve("versions");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String n = e.getFileName().toString();
                if (n.matches("[1-9][0-9]{0,8}") && Files.isDirectory(e)) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        return out;
    }

    private static boolean isModelName(String s) {
        try {
            ModelNames.requireModelName("name", s);
            return true;
        } catch (MlopsArgumentException e) {
            return false;
        }
    }

    private AliasHistory readHistory(String name) throws IOException {
        Path file = modelDir(name).resolve(ALIASES_FILE);
        if (!Files.exists(file)) {
            return AliasHistory.empty();
        }
        return RegistryJson.readHistory(Files.readAllBytes(file), file.toString());
    }

    /** Replaces the history file in one rename, so readers see the old or the new list, never a torn one. */
    private void writeHistory(String name, AliasHistory history) throws IOException {
        Path dir = modelDir(name);
        try (DirectoryStream<Path> strays = Files.newDirectoryStream(dir, "." + ALIASES_FILE + ".*.tmp")) {
            // left by a writer that crashed; we hold the model lock, so no live writer owns them
            for (Path stray : strays) {
                Files.deleteIfExists(stray);
            }
        }
        Path tmp = dir.resolve("." + ALIASES_FILE + "." + UUID.randomUUID() + ".tmp");
        try {
            write(tmp, RegistryJson.historyBytes(history));
            Files.move(tmp, dir.resolve(ALIASES_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (durable) {
                ch.force(true);
            }
        }
    }

    /** Makes a rename in {@code dir} durable; not every platform can open a directory, and then it is skipped. */
    private void forceDirectory(Path dir) {
        if (!durable) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // e.g. Windows: directory entries are durable there without this
        }
    }
}
