package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.container.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation container runs under the same least privilege as training: no capability, no new privileges, a
 * pids limit; {@code capAdd} gives one back. Read from inside the container, where the kernel enforces it.
 */
class EvaluationPrivilegesIT {

    private static final String TEST_LABEL = "io.jenkins.plugins.mlops.test-scenario";
    private static final String STATUS = "grep -E '^(CapEff|NoNewPrivs):' /proc/self/status; cat /sys/fs/cgroup/pids.max"
            + " 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max; echo '{\"rmse\": 0.5}' > $MLOPS_METRICS_FILE";

    @TempDir
    Path dir;

    @Test
    void theEvaluationHasNoCapabilityButTheOnesGivenBack() throws Exception {
        Path model = Files.writeString(dir.resolve("model.bin"), "m");
        assertThat(evaluate(model, List.of(), null, "least")).contains("CapEff:\t0000000000000000", "NoNewPrivs:\t1", "4096");
        // CAP_CHOWN is bit 0.
        assertThat(evaluate(model, List.of("CHOWN"), 64L, "chown")).contains("CapEff:\t0000000000000001", "NoNewPrivs:\t1",
                "64");
    }

    private List<String> evaluate(Path model, List<String> capAdd, Long pidsLimit, String name) throws Exception {
        String scenario = UUID.randomUUID().toString();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        EvaluationSpec spec = EvaluationSpec.builder().image("mlops-base:bookworm").model(model.toString())
                .command(List.of("sh", "-c", STATUS)).capAdd(capAdd).pidsLimit(pidsLimit).build()
                .on(dir.toString(), dir.resolve("eval-" + name).toString(), java.util.Map.of(TEST_LABEL, scenario));
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            new EvaluationRunner(docker).run(spec, new LogSink() {
                @Override
                public void line(Stream stream, String line) {
                    out.add(line);
                }

                @Override
                public void info(String message) {
                }
            });
            assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(TEST_LABEL + "=" + scenario))
                    .exec()).as("containers left").isEmpty();
        }
        return out;
    }
}
