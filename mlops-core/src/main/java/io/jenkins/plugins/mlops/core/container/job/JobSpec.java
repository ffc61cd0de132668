package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.container.ContainerPrivileges;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container job under docs/container-contract.md, as a use case hands it to {@link JobRunner}: arguments
 * already checked ({@link JobArguments}) and host paths resolved ({@link HostInputs}) on the machine that runs it.
 *
 * @param purpose what the job is, capitalised, as failure messages start: {@code Training}, {@code Evaluation}
 * @param name    a readable name, part of the container name; null for none
 * @param image   the image to run, or with a Dockerfile the tag the built image gets (may then be null)
 * @param inputs  the host side: Dockerfile, data, model input, output directory
 * @param command replaces the image's CMD; null keeps it
 * @param params  hyperparameters: {@code /mlops/input/params.json} and {@code MLOPS_PARAM_*}
 * @param env     the user's variables, added after (and so overriding) the contract's
 * @param privileges what the container may do: {@link ContainerPrivileges#leastPrivilege()} plus what the
 *                   user's {@code capAdd} adds back
 * @param timeout null for none; counted from the container's start
 * @param labels  the caller's labels (a step call's, a test's); the run's own are added
 */
public record JobSpec(
        String purpose,
        String name,
        String image,
        HostInputs inputs,
        List<String> command,
        Map<String, Object> params,
        Map<String, String> env,
        ResourceLimits limits,
        ContainerPrivileges privileges,
        Duration timeout,
        Map<String, String> labels) {

    public JobSpec {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(privileges, "privileges");
        command = command == null ? null : List.copyOf(command);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env == null ? Map.of() : env));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
    }

    /** The container's name: {@code mlops-<name>-<runId>}, or {@code mlops-<runId>} without a name. */
    public String containerName(String runId) {
        return "mlops-" + (name != null ? name + "-" : "") + runId;
    }
}
