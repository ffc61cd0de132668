package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.registry.AliasEvent;
import io.jenkins.plugins.mlops.core.registry.AliasHistory;
import io.jenkins.plugins.mlops.core.registry.AliasRules;
import io.jenkins.plugins.mlops.core.registry.DeploymentEvent;
import io.jenkins.plugins.mlops.core.registry.Digests;
import io.jenkins.plugins.mlops.core.registry.DigestMismatchException;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelReference;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.PullTarget;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's registry content read on the registry's machine and carried to the Docker host's: the versions a
 * deployment may need (with their files copied next to it), the model's history, and the writes the deployment
 * makes (alias moves, deployment records), kept in order for {@link #applyTo} on the registry's machine. Reads
 * answer as the registry would; files are verified against their digests again when they are "pulled".
 *
 * <p>How it is used: {@link #read} on the registry's machine, files copied to {@link #stage} directories there and
 * moved with the rest; the deployment runs on the Docker host's machine with this as its registry; the returned
 * object's writes are applied to the real registry.
 */
public final class StagedRegistry implements DeploymentRegistry, Serializable {
    private static final long serialVersionUID = 1L;

    /** A write the deployment made, to be applied to the real registry. */
    public sealed interface Write extends Serializable permits AliasMove, AliasRollback, Record {
    }

    public record AliasMove(String alias, int version, boolean force, String actor) implements Write {
    }

    public record AliasRollback(String alias, String actor) implements Write {
    }

    public record Record(DeploymentEvent deployment) implements Write {
    }

    /** How many earlier versions a rollback may go back to without the registry at hand. */
    static final int ROLLBACK_CANDIDATES = 3;

    private final String location;
    private final String name;
    private final Integer latest;
    private final LinkedHashMap<Integer, ModelVersion> versions;
    private final LinkedHashMap<Integer, String> files = new LinkedHashMap<>();
    private AliasHistory history;
    private final ArrayList<Write> writes = new ArrayList<>();

    private StagedRegistry(String location, String name, Integer latest, Map<Integer, ModelVersion> versions,
            AliasHistory history) {
        this.location = location;
        this.name = name;
        this.latest = latest;
        this.versions = new LinkedHashMap<>(versions);
        this.history = history;
    }

    /**
     * Reads, from the real registry, what {@code spec} may need: the version it names (for a rollback, the versions
     * its aliases and its service's deployments went back to), and the model's history.
     *
     * @throws io.jenkins.plugins.mlops.core.MlopsArgumentException naming {@code version} when it does not exist
     */
    public static StagedRegistry read(ModelRegistry registry, DeploymentSpec spec)
            throws IOException, InterruptedException {
        String name = spec.getName();
        AliasHistory history = registry.history(name);
        Map<Integer, ModelVersion> versions = new LinkedHashMap<>();
        if (spec.isRollback()) {
            Set<Integer> candidates = new TreeSet<>();
            for (String alias : history.current().keySet()) {
                Integer back = history.rollbackTarget(alias);
                if (back != null) {
                    candidates.add(back);
                }
            }
            List<DeploymentEvent> served = history.deployments().stream()
                    .filter(d -> d.getService().equals(spec.getService()) && d.succeeded()).toList();
            for (int i = served.size() - 1; i >= 0 && candidates.size() < ROLLBACK_CANDIDATES + 1; i--) {
                candidates.add(served.get(i).getVersion());
            }
            for (int v : candidates) {
                versions.put(v, registry.get(name, v));
            }
        } else {
            ModelVersion v;
            try {
                v = registry.resolve(name, spec.getVersion());
            } catch (RegistryException e) {
                if (e.getKind() == RegistryException.Kind.NOT_FOUND) {
                    throw new io.jenkins.plugins.mlops.core.MlopsArgumentException("version", e.getMessage());
                }
                throw e;
            }
            versions.put(v.getVersion(), v);
        }
        return new StagedRegistry(registry.location(), name, registry.latestVersion(name).orElse(null), versions,
                history);
    }

    /** The versions whose files must be staged: copy each one's files into a directory and name it with {@link #stage}. */
    public Set<Integer> versionsToStage() {
        return versions.keySet();
    }

    /** Where the files of {@code version} are on the machine the deployment runs on (a pull's result there). */
    public void stage(int version, String directory) {
        files.put(version, directory);
    }

    /** The writes the deployment made, in order. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Applies the writes to the real registry, in order, as the deployment made them. */
    public static void applyTo(ModelRegistry registry, String name, List<Write> writes)
            throws IOException, InterruptedException {
        for (Write w : writes) {
            if (w instanceof AliasMove m) {
                registry.setAlias(name, m.alias(), m.version(), m.force(), m.actor());
            } else if (w instanceof AliasRollback r) {
                registry.rollback(name, r.alias(), r.actor());
            } else if (w instanceof Record r) {
                registry.recordDeployment(name, r.deployment());
            }
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public ModelVersion resolve(String model, String reference) throws RegistryException {
        ModelReference ref = ModelNames.parseReference("version", reference);
        Integer v = switch (ref.getKind()) {
            case VERSION -> ref.getVersion();
            case LATEST -> latest;
            case ALIAS -> history.current(ref.getAlias());
        };
        if (v == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "Model " + name + " has no "
                    + (ref.getKind() == ModelReference.Kind.ALIAS ? "alias '" + ref.getAlias() + "'" : "versions")
                    + " in " + location);
        }
        return get(model, v);
    }

    @Override
    public ModelVersion get(String model, int version) throws RegistryException {
        ModelVersion v = versions.get(version);
        if (v == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "v" + version + " of " + name + " was not"
                    + " read from " + location + " before the deployment started");
        }
        return v;
    }

    @Override
    public ModelVersion pull(String model, int version, Path targetDir) throws IOException, InterruptedException {
        ModelVersion v = get(model, version);
        String dir = files.get(version);
        if (dir == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "the files of v" + version + " of " + name
                    + " were not copied here before the deployment started");
        }
        Path staged = Path.of(dir);
        PullTarget.writeAll(v, targetDir, (ModelFile f, Path part) -> {
            Path source = staged.resolve(f.getPath());
            Digests.Hashed h = Digests.copy(source, part, false);
            if (!h.digest().equals(f.getDigest()) || h.size() != f.getSize()) {
                throw new DigestMismatchException("model file '" + f.getPath() + "' of " + name + " v" + version,
                        source.toString(), f.getDigest(), h.digest());
            }
        });
        return v;
    }

    @Override
    public AliasHistory history(String model) {
        return history;
    }

    @Override
    public AliasEvent setAlias(String model, String alias, int version, boolean force, String actor)
            throws RegistryException {
        AliasEvent e = AliasRules.plan(history, name, get(model, version), alias, force, actor, Instant.now());
        if (e.isMove()) {
            history = history.plus(e);
            writes.add(new AliasMove(alias, version, force, actor));
        }
        return e;
    }

    @Override
    public AliasEvent rollback(String model, String alias, String actor) throws RegistryException {
        AliasEvent e = AliasRules.planRollback(history, name, alias, actor, Instant.now());
        history = history.plus(e);
        writes.add(new AliasRollback(alias, actor));
        return e;
    }

    @Override
    public void recordDeployment(String model, DeploymentEvent deployment) {
        history = history.plus(deployment);
        writes.add(new Record(deployment));
    }
}
