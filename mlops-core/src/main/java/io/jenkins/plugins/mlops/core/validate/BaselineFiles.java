package io.jenkins.plugins.mlops.core.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.mlops.core.metrics.MetricsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a baseline given as a file ({@code compareTo: 'baseline.json'}, {@code --compare-to baseline.json}): a
 * metrics file in any format {@link MetricsFiles} reads, or a verdict file an earlier gate wrote
 * ({@code --verdict-out}), whose checked metrics are then the baseline, so that runs can be chained.
 */
public final class BaselineFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineFiles() {
    }

    /** @throws IOException naming the file when it cannot be read as metrics or as a verdict */
    public static Map<String, Double> read(Path file) throws IOException {
        if (MetricsFiles.Format.of(file) == MetricsFiles.Format.JSON && isVerdict(file)) {
            return VerdictJson.read(file).getMetrics();
        }
        return MetricsFiles.read(file);
    }

    /** A verdict file has the three fields every verdict has; a metrics file named {@code format} is unlikely. */
    private static boolean isVerdict(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root != null && root.has("format") && root.has("results") && root.has("metrics");
        } catch (IOException e) {
            // Not JSON at all: MetricsFiles.read reports that with the file's name.
            return false;
        }
    }
}
