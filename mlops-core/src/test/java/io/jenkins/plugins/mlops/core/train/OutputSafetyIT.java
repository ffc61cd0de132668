package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training image is untrusted: whatever it leaves under /mlops/output must never make the engine write or read
 * outside the host output directory. These images really create the entries; the daemon's archive carries them.
 */
class OutputSafetyIT {

    @TempDir
    Path tempDir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", value = {
        "absolute link to /etc, then a write through it :: ln -s /etc /mlops/output/evil && echo x > /mlops/output/evil/mlops-pwned || true :: output/evil",
        "relative link climbing out :: ln -s ../../../../../../etc /mlops/output/up :: output/up",
        "link to the parent of the output directory :: mkdir /mlops/output/model/sub && ln -s ../../.. /mlops/output/model/sub/top :: output/model/sub/top",
        "link through a link to the root, then .. :: ln -s . /mlops/output/here && ln -s here/../../etc /mlops/output/sneaky :: output/sneaky",
        "link whose meaning changes once a later link exists :: ln -s z/../x /mlops/output/a && ln -s . /mlops/output/z :: output/a",
        "output directory replaced by a link :: rm -rf /mlops/output && ln -s /etc /mlops/output :: output",
    })
    void escapingEntriesFailTheRunAndLeaveNothingOutside(String what, String script, String entry) throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        Files.createDirectories(s.workDir);
        ContainerException e = catchThrowableOfType(ContainerException.class, () -> new DockerTrainer(docker())
                .train(s.spec().command(List.of("sh", "-c", "echo ok > /mlops/output/metrics.json; " + script)).build(), s.log));
        assertThat(e).as(what + "; log:\n" + s.log).isNotNull();
        assertThat(e.getFailure()).as(e.getMessage()).isEqualTo(ContainerFailure.OUTPUT_INVALID);
        assertThat(e.getMessage()).contains("'" + entry + "'");
        assertThat(s.outputDir).doesNotExist();
        try (var siblings = Files.list(s.workDir)) {
            assertThat(siblings).as("staging directory removed").isEmpty();
        }
        assertThat(Path.of("/etc/mlops-pwned")).doesNotExist();
        s.assertNothingLeft();
    }

    @Test
    void linksThatStayInsideAreKept() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        TrainingResult r = new DockerTrainer(docker()).train(s.spec().command(List.of("sh", "-c",
                "echo w > /mlops/output/model/weights.bin && mkdir -p /mlops/output/checkpoints/epoch1"
                        + " && ln -s ../model/weights.bin /mlops/output/checkpoints/latest"
                        + " && ln -s model /mlops/output/best && ln /mlops/output/model/weights.bin /mlops/output/hard"
                        + " && echo '{\"acc\": 1}' > /mlops/output/metrics.json && ln -s metrics.json /mlops/output/m"))
                .build(), s.log);
        Path out = Path.of(r.outputDir());
        assertThat(Files.readSymbolicLink(out.resolve("checkpoints/latest"))).isEqualTo(Path.of("../model/weights.bin"));
        assertThat(out.resolve("best/weights.bin")).hasContent("w");
        assertThat(out.resolve("hard")).hasContent("w");
        assertThat(Files.isSymbolicLink(out.resolve("hard"))).isFalse();
        assertThat(out.resolve("checkpoints/epoch1")).isDirectory();
        assertThat(r.metrics()).containsEntry("acc", 1.0);
        s.assertNothingLeft();
    }
}
