package io.jenkins.plugins.mlops.core.container.job;

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
    static String forFailure(List<String> stdoutTail, List<String> stderrTail, long pidsLimit) {
        List<String> lines = new ArrayList<>(stderrTail);
        lines.addAll(stdoutTail);
        StringBuilder hints = new StringBuilder();
        if (lines.stream().anyMatch(l -> l.contains("Operation not permitted"))) {
            hints.append("\nThe container runs with no Linux capabilities and no-new-privileges"
                    + " (docs/container-contract.md); if the image needs one, give it back with capAdd"
                    + " (--cap-add), e.g. CHOWN");
        }
        if (lines.stream().anyMatch(l -> l.contains("Cannot fork") || l.contains("can't fork")
                || l.contains("Resource temporarily unavailable"))) {
            hints.append("\nAt most ").append(pidsLimit).append(" processes and threads may run at once in the"
                    + " container; raise pidsLimit (--pids-limit) if it needs more");
        }
        return hints.toString();
    }
}
