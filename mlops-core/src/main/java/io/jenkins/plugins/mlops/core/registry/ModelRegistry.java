package io.jenkins.plugins.mlops.core.registry;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store of model versions with aliases and alias history. Two implementations: a directory on disk
 * ({@link io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry}) and any OCI distribution
 * registry ({@link io.jenkins.plugins.mlops.core.registry.oci.OciModelRegistry}); open one with
 * {@link RegistryLocation#open(java.util.Map)}.
 *
 * <p>Every read verifies digests: a record or file whose bytes do not match fails with
 * {@link DigestMismatchException} naming where it is stored and both digests. Bad arguments fail with
 * {@link io.jenkins.plugins.mlops.core.MlopsArgumentException} before anything is written; everything the registry
 * refuses or cannot do is a {@link RegistryException} whose {@link RegistryException#getKind() kind} says why.
 * Implementations are safe for use by several threads.
 */
public interface ModelRegistry extends Closeable {

    /** Where this registry lives, for messages: a directory or an {@code oci://} URL (never credentials). */
    String location();

    /**
     * Stores the model as the next version of its name (1 for a new name), then points the requested aliases at
     * it. The aliases are checked against the gate before anything is stored: if the version may not receive them
     * (see {@link AliasRules}), nothing is registered.
     */
    ModelVersion register(RegistrationRequest request) throws IOException, InterruptedException;

    /**
     * The same, with the model's files arriving as streams (from another machine, e.g. a Jenkins agent) instead of
     * being read from {@link RegistrationRequest#getModelPath()}, which is then only recorded for messages. A
     * backend that stores them without a temporary copy implements this; the others refuse before reading any.
     *
     * @throws RegistryException {@link RegistryException.Kind#REFUSED} when this backend cannot store streamed
     *         files: register from the machine that holds the model instead
     */
    default ModelVersion register(RegistrationRequest request, List<StreamedFile> files)
            throws IOException, InterruptedException {
        throw new RegistryException(RegistryException.Kind.REFUSED, "The registry at " + location() + " does not"
                + " take models streamed from another machine; register " + request.getName() + " from the machine"
                + " that holds its files");
    }

    /** One version, its record verified. */
    ModelVersion get(String name, int version) throws IOException, InterruptedException;

    /**
     * All versions of a model, oldest first; empty when the model does not exist. Fails with the first damaged
     * version's problem; {@link #listVersions} lists the readable ones beside the damaged ones instead.
     */
    default List<ModelVersion> versions(String name) throws IOException, InterruptedException {
        List<ListedVersion> listed;
        try {
            listed = listVersions(name);
        } catch (RegistryException e) {
            if (e.getKind() == RegistryException.Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<ModelVersion> out = new java.util.ArrayList<>();
        for (ListedVersion l : listed) {
            if (l.isReadable()) {
                out.add(l.getVersion());
            } else if (!l.isForeign()) {
                throw l.getProblem();
            }
        }
        return out;
    }

    /**
     * Every version number the model has had, oldest first, each read and verified or marked with why it cannot be
     * read (a damaged record, a deleted version, a moved tag), plus what another tool left where a version would be.
     *
     * @throws RegistryException of kind {@link RegistryException.Kind#NOT_FOUND} when the model does not exist
     */
    List<ListedVersion> listVersions(String name) throws IOException, InterruptedException;

    /**
     * Whether a registry exists at {@link #location()}. Reading never creates one; callers for whom a missing
     * registry is normal (the first deployment's baseline) ask this instead of catching the reading call's error.
     */
    default boolean exists() throws IOException, InterruptedException {
        return true;
    }

    /** The highest version number of a model, if it has any. */
    Optional<Integer> latestVersion(String name) throws IOException, InterruptedException;

    /**
     * Every model in the registry, sorted by name; a model whose history cannot be read and something that is not
     * a model registered by mlops are listed too, marked with {@link ModelSummary#getProblem()}.
     */
    List<ModelSummary> list() throws IOException, InterruptedException;

    /** Where the model's aliases point now, sorted by alias. */
    Map<String, Integer> aliases(String name) throws IOException, InterruptedException;

    /**
     * Points {@code alias} at {@code version} and records the move. A version whose gate did not pass (or that
     * was never validated) needs {@code force}. Returns the recorded event; when the alias already pointed there
     * nothing is recorded and the returned event has {@link AliasEvent#isMove()} false.
     */
    AliasEvent setAlias(String name, String alias, int version, boolean force, String actor)
            throws IOException, InterruptedException;

    /** Every move of {@code alias} (of every alias when null), oldest first. */
    List<AliasEvent> aliasHistory(String name, String alias) throws IOException, InterruptedException;

    /** Moves {@code alias} back to the version it pointed at before its last move, and records that. */
    AliasEvent rollback(String name, String alias, String actor) throws IOException, InterruptedException;

    /**
     * Copies the files of a version into {@code targetDir} (created if missing; it must be empty), verifying each
     * file's digest while it is written. A file that does not verify is deleted and the pull fails.
     */
    ModelVersion pull(String name, String reference, Path targetDir) throws IOException, InterruptedException;

    /** Re-reads every file of a version and checks its digest, without copying it anywhere. */
    ModelVersion verify(String name, int version) throws IOException, InterruptedException;

    /**
     * The version a reference names: {@code "production"} (an alias), {@code "3"} or {@code "v3"} (a number), or
     * {@code "latest"}. This is what {@code mlValidate compareTo: 'production'} calls to find its baseline's
     * metrics.
     */
    default ModelVersion resolve(String name, String reference) throws IOException, InterruptedException {
        ModelNames.requireModelName("name", name);
        ModelReference ref = ModelNames.parseReference("version", reference);
        return switch (ref.getKind()) {
            case VERSION -> get(name, ref.getVersion());
            case LATEST -> {
                Optional<Integer> latest = latestVersion(name);
                if (latest.isEmpty()) {
                    throw exists() ? new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + name
                            + " has no versions in " + location()) : RegistryException.noRegistryAt(location());
                }
                yield get(name, latest.get());
            }
            case ALIAS -> {
                Integer v = aliases(name).get(ref.getAlias());
                if (v == null) {
                    throw new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + name + " has no alias '"
                            + ref.getAlias() + "' in " + location());
                }
                yield get(name, v);
            }
        };
    }

    /** Where {@code alias} pointed at {@code instant}: "what was in production on date X". */
    default Optional<Integer> aliasAt(String name, String alias, Instant instant)
            throws IOException, InterruptedException {
        return Optional.ofNullable(new AliasHistory(aliasHistory(name, alias)).at(alias, instant));
    }
}
