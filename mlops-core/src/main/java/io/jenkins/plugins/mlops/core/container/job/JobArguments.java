package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.ImageReferences;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for the arguments every container job takes (mlTrain's and mlValidate's evaluation container alike),
 * each naming the argument it checks, so that the step, the CLI and both use cases say the same thing. Checked on
 * the controller, before anything runs; host paths are checked later where the files are ({@link HostInputs}).
 */
public final class JobArguments {

    /** Hyperparameter names become environment variable suffixes, so they must be identifiers. */
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern GPUS = Pattern.compile("all|[1-9][0-9]*|[0-9]+(,[0-9]+)*|GPU-[0-9a-fA-F-]+(,GPU-[0-9a-fA-F-]+)*");
    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** Docker refuses less. */
    private static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;
    /** The init process that is PID 1 and the command it starts. */
    private static final long MIN_PIDS = 2;

    private JobArguments() {
    }

    public static void requireImageOrDockerfile(String image, String dockerfile) {
        if (isBlank(image) && isBlank(dockerfile)) {
            throw new MlopsArgumentException("image", "give an image to run, or a dockerfile to build");
        }
        if (!isBlank(image)) {
            ImageReferences.require("image", image);
        }
    }

    /** @param command null keeps the image's CMD */
    public static void checkCommand(List<String> command) {
        if (command != null && command.isEmpty()) {
            throw new MlopsArgumentException("command", "must not be empty; leave it out to use the image's CMD");
        }
    }

    /** Names usable as {@code MLOPS_PARAM_*} variables, values strings, numbers or booleans, no two alike. */
    public static void checkParams(Map<String, Object> params) {
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (p.getKey() == null || !PARAM_NAME.matcher(p.getKey()).matches()) {
                throw new MlopsArgumentException("params", "'" + p.getKey()
                        + "' is not a valid name (letters, digits, _ . -, not starting with a digit)");
            }
            Object v = p.getValue();
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new MlopsArgumentException("params", "value of '" + p.getKey()
                        + "' must be a string, number or boolean, got " + (v == null ? "null" : v.getClass().getSimpleName()));
            }
            if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) {
                throw new MlopsArgumentException("params", "value of '" + p.getKey() + "' must be a finite number, got "
                        + v + " (params.json is JSON, which has no NaN or infinity)");
            }
        }
        Map<String, String> variables = new HashMap<>();
        for (String name : params.keySet()) {
            String clash = variables.put(ContractLayout.paramVariable(name), name);
            if (clash != null) {
                throw new MlopsArgumentException("params", "'" + clash + "' and '" + name + "' would both be "
                        + ContractLayout.paramVariable(name) + "; rename one");
            }
        }
    }

    public static void checkData(List<String> data) {
        for (String d : data) {
            if (d == null || d.isBlank()) {
                throw new MlopsArgumentException("data", "contains an empty path");
            }
        }
    }

    public static void checkEnv(Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() == null || !ENV_NAME.matcher(e.getKey()).matches()) {
                throw new MlopsArgumentException("env", "'" + e.getKey() + "' is not a valid variable name");
            }
            if (e.getValue() == null) {
                throw new MlopsArgumentException("env", "'" + e.getKey() + "' has no value");
            }
        }
    }

    /** {@code cpus}, {@code memory}, {@code shmSize} and {@code gpus}; each may be null (no limit). */
    public static void checkLimits(Double cpus, Long memoryBytes, Long shmSizeBytes, String gpus) {
        if (cpus != null && !(cpus > 0 && cpus <= 1024)) {
            throw new MlopsArgumentException("cpus", "must be a positive number of CPUs such as 1.5, got " + cpus);
        }
        if (memoryBytes != null && memoryBytes < MIN_MEMORY_BYTES) {
            throw new MlopsArgumentException("memory", "must be at least 6m (Docker's minimum), got " + memoryBytes + " bytes");
        }
        if (shmSizeBytes != null && shmSizeBytes <= 0) {
            throw new MlopsArgumentException("shmSize", "must be positive, got " + shmSizeBytes + " bytes");
        }
        if (gpus != null && !GPUS.matcher(gpus).matches()) {
            throw new MlopsArgumentException("gpus", "must be 'all', a count such as 2, or device ids such as 0,1; got '" + gpus + "'");
        }
    }

    /** @param capAdd capabilities to add back (Docker's names); null or empty for none */
    public static void checkCapAdd(List<String> capAdd) {
        ContainerPrivileges.adding("capAdd", capAdd);
    }

    /** @param pidsLimit null for the default ({@value ResourceLimits#DEFAULT_PIDS_LIMIT}) */
    public static void checkPidsLimit(Long pidsLimit) {
        if (pidsLimit != null && pidsLimit < MIN_PIDS) {
            throw new MlopsArgumentException("pidsLimit", "must be at least " + MIN_PIDS + " (the init process and the"
                    + " command); it is a limit and cannot be switched off, got " + pidsLimit);
        }
    }

    public static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new MlopsArgumentException("timeout", "must be positive, got " + timeout);
        }
    }

    public static void checkNetwork(String network) {
        if (isBlank(network)) {
            throw new MlopsArgumentException("network", "must be 'none', 'host' or a network name");
        }
    }

    /** @param name null for none: the container is then named after the run id alone */
    public static void checkName(String name) {
        if (name != null && !RUN_NAME.matcher(name).matches()) {
            throw new MlopsArgumentException("name", "'" + name
                    + "' must be 1-63 letters, digits, _ . - and start with a letter or digit");
        }
    }

    public static void requireOutputDir(String outputDir) {
        if (isBlank(outputDir)) {
            throw new MlopsArgumentException("outputDir", "no directory to receive the run's outputs");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
