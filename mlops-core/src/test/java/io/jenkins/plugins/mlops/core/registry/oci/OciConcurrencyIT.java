package io.jenkins.plugins.mlops.core.registry.oci;

import io.jenkins.plugins.mlops.core.registry.ConcurrentRegistrations;
import io.jenkins.plugins.mlops.core.registry.DistributionRegistry;
import io.jenkins.plugins.mlops.core.registry.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class OciConcurrencyIT {

    @RegisterExtension
    static final DistributionRegistry REGISTRY = new DistributionRegistry();

    @TempDir
    Path tmp;

    @Test
    void parallelThreadsAndProcessesOnOneHostGetVersionsOneToNWithoutGaps() throws Exception {
        Path model = TestModels.write(tmp.resolve("model"), 2, 100_000, 32);
        ConcurrentRegistrations.run(REGISTRY.location("concurrency"), REGISTRY.env(), model, "parallel",
                4, 2, 2, 2);
    }
}
