package io.jenkins.plugins.mlops.core.train;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a {@link TrainingSpec.Builder} before any container is created, naming the first wrong argument. */
final class TrainingSpecValidator {

    /** Hyperparameter names become environment variable suffixes, so they must be identifiers. */
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern GPUS = Pattern.compile("all|[1-9][0-9]*|[0-9]+(,[0-9]+)*|GPU-[0-9a-fA-F-]+(,GPU-[0-9a-fA-F-]+)*");
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    private TrainingSpecValidator() {
    }

    static void validate(TrainingSpec.Builder b) {
        boolean hasImage = b.image() != null && !b.image().isBlank();
        boolean hasDockerfile = b.dockerfile() != null && !b.dockerfile().isBlank();
        if (!hasImage && !hasDockerfile) {
            throw new MlopsArgumentException("image", "give an image to run, or a dockerfile to build");
        }
        if (b.command() != null && b.command().isEmpty()) {
            throw new MlopsArgumentException("command", "must not be empty; leave it out to use the image's CMD");
        }
        if (b.epochs() != null && b.epochs() < 0) {
            throw new MlopsArgumentException("epochs", "must be 0 or more, got " + b.epochs());
        }
        for (Map.Entry<String, Object> p : b.params().entrySet()) {
            if (p.getKey() == null || !PARAM_NAME.matcher(p.getKey()).matches()) {
                throw new MlopsArgumentException("params", "'" + p.getKey()
                        + "' is not a valid name (letters, digits, _ . -, not starting with a digit)");
            }
            Object v = p.getValue();
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new MlopsArgumentException("params", "value of '" + p.getKey()
                        + "' must be a string, number or boolean, got " + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        Map<String, String> variables = new HashMap<>();
        for (String name : b.params().keySet()) {
            String clash = variables.put(ContainerLayout.paramVariable(name), name);
            if (clash != null) {
                throw new MlopsArgumentException("params", "'" + clash + "' and '" + name + "' would both be "
                        + ContainerLayout.paramVariable(name) + "; rename one");
            }
        }
        if (b.epochs() != null && b.params().containsKey("epochs")) {
            throw new MlopsArgumentException("params", "'epochs' is given both as an argument and in params; give it once");
        }
        for (String d : b.data()) {
            if (d == null || d.isBlank()) {
                throw new MlopsArgumentException("data", "contains an empty path");
            }
        }
        for (Map.Entry<String, String> e : b.env().entrySet()) {
            if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches()) {
                throw new MlopsArgumentException("env", "'" + e.getKey() + "' is not a valid variable name");
            }
            if (e.getValue() == null) {
                throw new MlopsArgumentException("env", "'" + e.getKey() + "' has no value");
            }
        }
        if (b.cpus() != null && !(b.cpus() > 0 && b.cpus() <= 1024)) {
            throw new MlopsArgumentException("cpus", "must be a positive number of CPUs such as 1.5, got " + b.cpus());
        }
        if (b.memoryBytes() != null && b.memoryBytes() < 6L * 1024 * 1024) {
            throw new MlopsArgumentException("memory", "must be at least 6m (Docker's minimum), got " + b.memoryBytes() + " bytes");
        }
        if (b.shmSizeBytes() != null && b.shmSizeBytes() <= 0) {
            throw new MlopsArgumentException("shmSize", "must be positive, got " + b.shmSizeBytes() + " bytes");
        }
        if (b.gpus() != null && !GPUS.matcher(b.gpus()).matches()) {
            throw new MlopsArgumentException("gpus", "must be 'all', a count such as 2, or device ids such as 0,1; got '" + b.gpus() + "'");
        }
        if (b.timeout() != null && (b.timeout().isNegative() || b.timeout().isZero())) {
            throw new MlopsArgumentException("timeout", "must be positive, got " + b.timeout());
        }
        if (b.network() == null || b.network().isBlank()) {
            throw new MlopsArgumentException("network", "must be 'none', 'host' or a network name");
        }
        if (b.name() != null && !RUN_NAME.matcher(b.name()).matches()) {
            throw new MlopsArgumentException("name", "'" + b.name()
                    + "' must be 1-63 letters, digits, _ . - and start with a letter or digit");
        }
        if (b.outputDir() == null || b.outputDir().isBlank()) {
            throw new MlopsArgumentException("outputDir", "no directory to receive the run's outputs");
        }
    }
}
