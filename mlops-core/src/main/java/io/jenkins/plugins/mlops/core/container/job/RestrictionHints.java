package io.jenkins.plugins.mlops.core.container.job;

import io.jenkins.plugins.mlops.core.container.ContainerLogs;
import io.jenkins.plugins.mlops.core.container.LogSink;
import io.jenkins.plugins.mlops.core.container.ResourceLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * What a failed container's last lines suggest about the restrictions every job runs under: an image that worked
 * with Docker's defaults may need a capability back, or more processes. Said once, in the failure message, so that
 * the step and the CLI both name the argument that helps.
 */
final class RestrictionHints {

    private RestrictionHints() {
    }

    /** A sentence per restriction the output points at (EPERM, a failed fork), each starting a line; or empty. */
    static String forFailure(ContainerLogs logs, ResourceLimits limits) {
        List<String> lines = new ArrayList<>(logs.tail(LogSink.Stream.STDERR));
        lines.addAll(logs.tail(LogSink.Stream.STDOUT));
        StringBuilder hints = new StringBuilder();
        if (lines.stream().anyMatch(l -> l.contains("Operation not permitted"))) {
            hints.append("\nThe container runs with no Linux capabilities and no-new-privileges"
                    + " (docs/container-contract.md); if the image needs one, give it back with capAdd"
                    + " (--cap-add), e.g. CHOWN");
        }
        if (lines.stream().anyMatch(l -> l.contains("Cannot fork") || l.contains("can't fork")
                || l.contains("Resource temporarily unavailable"))) {
            hints.append("\nAt most ").append(limits.pidsLimit()).append(" processes and threads may run at once in the"
                    + " container; raise pidsLimit (--pids-limit) if it needs more");
        }
        return hints.toString();
    }
}
