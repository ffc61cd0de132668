package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.ModelReference;
import io.jenkins.plugins.mlops.core.registry.ModelRegistry;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistryException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The baseline a registered model gives: {@code compareTo: 'production'} (an alias), {@code 'latest'}, {@code '3'}
 * or {@code 'v3'}, optionally with the model's name in front ({@code 'movie_predictor@production'}). Shared by the
 * {@code mlValidate} step and {@code mlops validate}, so both read the same metrics and say the same things.
 *
 * <p>Which model: the {@code name} argument, else the name in {@code compareTo}, else the environment variable
 * {@value #MODEL_NAME_ENV}, else the registry's only model. An alias that does not exist yet, a model without
 * versions, {@code latest} of an empty model and a registry directory that does not exist yet are not errors:
 * they are the first deployment, so the baseline is
 * {@link Baseline#none absent} and the rules that compare with it are skipped. A version number that does not exist
 * is an error: somebody asked for exactly that version.
 */
public final class RegistryBaselines {

    /** Names the model when neither the {@code name} argument nor {@code compareTo} does. */
    public static final String MODEL_NAME_ENV = "MLOPS_MODEL_NAME";

    /** Argument names as the Pipeline step spells them. */
    public static final RegistryBaselines STEP = new RegistryBaselines("compareTo", "name");
    /** Argument names as {@code mlops validate} spells them. */
    public static final RegistryBaselines CLI = new RegistryBaselines("--compare-to", "--name");

    private final String compareToArgument;
    private final String nameArgument;

    private RegistryBaselines(String compareToArgument, String nameArgument) {
        this.compareToArgument = compareToArgument;
        this.nameArgument = nameArgument;
    }

    /**
     * {@code compareTo} taken apart, checked without opening any registry.
     *
     * @param model     the model name written before {@code @}, or null
     * @param reference the version reference after it
     */
    public record Target(String model, ModelReference reference) {
    }

    /** @throws MlopsArgumentException naming {@code compareTo} when it is not {@code [name@]reference} */
    public Target parse(String compareTo) {
        if (compareTo == null || compareTo.isBlank()) {
            throw new MlopsArgumentException(compareToArgument, "give 'previous', an alias such as production, a"
                    + " version (3 or v3), 'latest', or a metrics file");
        }
        String text = compareTo.trim();
        int at = text.indexOf('@');
        String model = null;
        if (at >= 0) {
            model = text.substring(0, at);
            text = text.substring(at + 1);
            if (!model.isEmpty()) {
                ModelNames.requireModelName(compareToArgument, model);
            } else {
                model = null;
            }
        }
        return new Target(model, ModelNames.parseReference(compareToArgument, text));
    }

    /**
     * The registered model's metrics as the baseline, described as {@code model movie_predictor@production (v3)}.
     *
     * @param name the model name argument, or null
     * @param env  where {@value #MODEL_NAME_ENV} is looked up (the build's environment, the process's)
     * @throws MlopsArgumentException naming {@code compareTo} or {@code name} when the model cannot be chosen or the
     *                                version does not exist
     * @throws RegistryException      when the registry cannot be read (unreachable, refused credentials, a damaged
     *                                record): the gate cannot know its baseline, and the message says which one
     */
    public Baseline resolve(ModelRegistry registry, String compareTo, String name, Map<String, String> env)
            throws IOException, InterruptedException {
        try {
            return lookUp(registry, compareTo, name, env);
        } catch (RegistryException e) {
            throw new RegistryException(e.getKind(), "cannot read the baseline " + compareToArgument + " '" + compareTo
                    + "' names: " + e.getMessage(), e);
        }
    }

    private Baseline lookUp(ModelRegistry registry, String compareTo, String name, Map<String, String> env)
            throws IOException, InterruptedException {
        Target target = parse(compareTo);
        String where = registry.location();
        if (!registry.exists()) {
            // Nothing was ever registered there: a first deployment as much as a model without versions. Reading
            // never creates a registry, and the reason names the location, so a mistyped one shows in the report.
            // Without a model name the registry is asked for its only model, and says that it does not exist.
            String model = chooseModel(registry, compareTo, target, name, env);
            if (target.reference().getKind() == ModelReference.Kind.VERSION) {
                throw new MlopsArgumentException(compareToArgument, "model " + model + " has no version "
                        + target.reference().getVersion() + ": no model registry exists at " + where);
            }
            return Baseline.none("no model registry exists at " + where + " yet");
        }
        String model = chooseModel(registry, compareTo, target, name, env);
        ModelReference ref = target.reference();
        Optional<Integer> latest = registry.latestVersion(model);
        if (latest.isEmpty() && ref.getKind() != ModelReference.Kind.VERSION) {
            return Baseline.none("model " + model + " has no versions in " + where + " yet");
        }
        int version;
        switch (ref.getKind()) {
            case LATEST -> version = latest.get();
            case ALIAS -> {
                Integer v = registry.aliases(model).get(ref.getAlias());
                if (v == null) {
                    return Baseline.none("model " + model + " has no alias " + ref.getAlias() + " yet");
                }
                version = v;
            }
            default -> version = ref.getVersion();
        }
        ModelVersion v;
        try {
            v = registry.get(model, version);
        } catch (RegistryException e) {
            if (e.getKind() != RegistryException.Kind.NOT_FOUND) {
                throw e;
            }
            throw new MlopsArgumentException(compareToArgument, "model " + model + " has no version " + version
                    + " in " + where + (latest.isEmpty() ? " (it has no versions yet)" : " (the latest is v" + latest.get() + ")"));
        }
        String description = "model " + model + (ref.getKind() == ModelReference.Kind.VERSION
                ? " v" + version : "@" + ref + " (v" + version + ")");
        return Baseline.registered(v.getMetrics(), description, model, version);
    }

    private String chooseModel(ModelRegistry registry, String compareTo, Target target, String name,
            Map<String, String> env) throws IOException, InterruptedException {
        String given = name == null || name.isBlank() ? null : name.trim();
        if (given != null) {
            ModelNames.requireModelName(nameArgument, given);
            if (target.model() != null && !target.model().equals(given)) {
                throw new MlopsArgumentException(compareToArgument, "'" + compareTo + "' names model "
                        + target.model() + ", but " + nameArgument + " is " + given + "; give the model once");
            }
            return given;
        }
        if (target.model() != null) {
            return target.model();
        }
        String fromEnv = env == null ? null : env.get(MODEL_NAME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ModelNames.requireModelName(MODEL_NAME_ENV, fromEnv.trim());
        }
        List<ModelSummary> models = registry.list();
        if (models.size() == 1) {
            return models.get(0).getName();
        }
        String held = models.isEmpty() ? "holds no models"
                : "holds " + models.size() + " models: " + models.stream().map(ModelSummary::getName)
                        .collect(Collectors.joining(", "));
        throw new MlopsArgumentException(compareToArgument, "'" + compareTo + "' does not say which model: give "
                + nameArgument + ", write model@" + target.reference() + ", or set " + MODEL_NAME_ENV
                + "; the registry at " + registry.location() + " " + held);
    }
}
