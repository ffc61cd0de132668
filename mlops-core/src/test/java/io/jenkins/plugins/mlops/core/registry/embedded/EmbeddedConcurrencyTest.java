package io.jenkins.plugins.mlops.core.registry.embedded;

import io.jenkins.plugins.mlops.core.registry.ConcurrentRegistrations;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedConcurrencyTest {

    @TempDir
    Path tmp;

    @Test
    void parallelThreadsAndProcessesGetVersionsOneToNWithoutGaps() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 3, 200_000, 31);
        ConcurrentRegistrations.run(tmp.resolve("registry").toString(), Map.of(), model, "parallel",
                6, 2, 2, 3);
    }
}
