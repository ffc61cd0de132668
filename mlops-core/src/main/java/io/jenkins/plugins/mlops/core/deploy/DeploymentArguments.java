package io.jenkins.plugins.mlops.core.deploy;

import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.container.job.JobArguments;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for mlDeploy's arguments, each naming the argument it checks, so that the step and the CLI say the
 * same thing. Everything here is checked before anything starts; what needs the Docker host (the image exists, the
 * port is free) is checked by the {@link Deployer} before it creates anything.
 */
public final class DeploymentArguments {

    /**
     * Service names become container names ({@code mlops-proxy-<service>}) and proxy server names: letters,
     * digits, {@code _ . -}, starting with a letter or digit.
     */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[\\x21-\\x7e]*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private DeploymentArguments() {
    }

    static void validate(DeploymentSpec.Builder b) {
        ModelNames.requireModelName("name", b.name());
        requireVersion(b.version());
        boolean rollback = DeploymentSpec.PREVIOUS.equals(b.version());
        if (!rollback) {
            JobArguments.requireImageOrDockerfile(b.image(), b.dockerfile());
        }
        JobArguments.checkCommand(b.command());
        if (b.service() != null) {
            requireService(b.service());
        } else {
            requireService(defaultService(b.name()));
        }
        if (b.port() != null && (b.port() < 1 || b.port() > 65535)) {
            throw new MlopsArgumentException("port", "must be a TCP port from 1 to 65535, got " + b.port());
        }
        if (b.bind() != null) {
            requireBind(b.bind());
        }
        if (b.healthPath() != null && !HEALTH_PATH.matcher(b.healthPath()).matches()) {
            throw new MlopsArgumentException("healthPath", "'" + b.healthPath() + "' must start with / and contain"
                    + " no spaces or control characters");
        }
        if (b.healthTimeout() != null && (b.healthTimeout().isNegative() || b.healthTimeout().isZero())) {
            throw new MlopsArgumentException("healthTimeout", "must be longer than zero");
        }
        if (b.alias() != null) {
            ModelNames.requireAlias("alias", b.alias());
        }
        JobArguments.checkEnv(b.env());
        for (String key : b.env().keySet()) {
            if (ServingContract.reserved(key)) {
                throw new MlopsArgumentException("env", "'" + key + "' is set by mlDeploy (docs/serving-contract.md);"
                        + " use another name");
            }
        }
        JobArguments.checkLimits(b.cpus(), b.memoryBytes(), null, b.gpus());
        JobArguments.checkPidsLimit(b.pidsLimit());
        if (b.keepPrevious() != null && b.keepPrevious().isNegative()) {
            throw new MlopsArgumentException("keepPrevious", "must be 0 or longer");
        }
        if (b.replicas() != null && (b.replicas() < 1 || b.replicas() > DeploymentSpec.MAX_REPLICAS)) {
            throw new MlopsArgumentException("replicas", "must be from 1 to " + DeploymentSpec.MAX_REPLICAS
                    + ", got " + b.replicas());
        }
    }

    /** A number, {@code latest}, an alias, or {@code previous}. */
    public static String requireVersion(String version) {
        if (version == null || version.isBlank()) {
            throw new MlopsArgumentException("version", "give the version to deploy: a number (3), 'latest', an"
                    + " alias such as candidate, or 'previous' to roll back");
        }
        if (!DeploymentSpec.PREVIOUS.equals(version)) {
            ModelNames.parseReference("version", version);
        }
        return version;
    }

    /** @throws MlopsArgumentException naming {@code service} when it cannot name containers */
    public static String requireService(String service) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new MlopsArgumentException("service", "'" + service + "' is not a valid service name: it names"
                    + " containers, so use 1-63 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return service;
    }

    /** The service of a model deployed without one: its name with {@code _} and {@code .} as {@code -}. */
    public static String defaultService(String modelName) {
        return modelName == null ? null : modelName.replace('_', '-').replace('.', '-');
    }

    /** An IP address literal; a host name would be resolved differently on the Docker host. */
    public static String requireBind(String bind) {
        String b = bind.strip();
        if (!IPV4.matcher(b).matches() && !(IPV6.matcher(b).matches() && b.chars().filter(c -> c == ':').count() >= 2)) {
            throw new MlopsArgumentException("bind", "'" + bind + "' must be an IP address such as 127.0.0.1"
                    + " (the default) or 0.0.0.0 for every interface");
        }
        return b;
    }

    /** {@code keepPrevious} as users write it: a duration such as {@code 30m}, or {@code 0} to keep nothing. */
    public static Duration keepPrevious(String text) {
        if (text != null && text.strip().toLowerCase(Locale.ROOT).matches("0+(ms|s|m|h|d)?")) {
            return Duration.ZERO;
        }
        return ArgumentParsers.duration("keepPrevious", text);
    }
}
