package io.jenkins.plugins.mlops.core.container.job;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a successful job left on the host.
 *
 * @param runId      unique id of the run (also in the container name and labels)
 * @param imageId    id ({@code sha256:...}) of the image that ran
 * @param exitCode   the command's exit code (0)
 * @param outputDir  host directory holding everything the container wrote under {@code /mlops/output}
 * @param metrics    {@code metrics.json}, nested keys flattened with dots; empty when it wrote none
 * @param dataDigest sha256 over the data inputs (names and contents), null when there were none
 * @param duration   wall time from container start to exit
 */
public record JobResult(String runId, String imageId, int exitCode, String outputDir, Map<String, Double> metrics,
                        String dataDigest, Duration duration) {

    public JobResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
