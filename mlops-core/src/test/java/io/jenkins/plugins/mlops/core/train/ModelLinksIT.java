package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.mlops.core.container.ContainerException;
import io.jenkins.plugins.mlops.core.container.ContainerFailure;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train and register agree about links: a model that training accepts, the registry registers (storing what its
 * links point at), and a link the registry would refuse already fails the training run.
 */
class ModelLinksIT {

    @TempDir
    Path tempDir;

    @Test
    void aModelWhoseLinksStayInsideTrainsAndRegisters() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        TrainingResult r = new DockerTrainer(docker()).train(s.spec().command(List.of("sh", "-c",
                "mkdir -p /mlops/output/model/epoch2 && echo w > /mlops/output/model/epoch2/best.pt"
                        + " && ln -s epoch2/best.pt /mlops/output/model/latest.pt"))
                .build(), s.log);

        ModelVersion v = new EmbeddedModelRegistry(tempDir.resolve("registry")).register(RegistrationRequest.builder()
                .name("linked").modelPath(r.modelPath()).build());
        assertThat(v.getFiles()).extracting(ModelFile::getPath).containsExactly("epoch2/best.pt", "latest.pt");
        assertThat(v.getFiles().get(1).getDigest()).isEqualTo(v.getFiles().get(0).getDigest());
        s.assertNothingLeft();
    }

    @Test
    void aModelLinkThatLeadsOutOfTheModelFailsTheRunNotTheLaterRegistration() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        ContainerException e = catchThrowableOfType(ContainerException.class, () -> new DockerTrainer(docker())
                .train(s.spec().command(List.of("sh", "-c", "mkdir -p /mlops/output/checkpoints"
                        + " && echo w > /mlops/output/checkpoints/best.pt"
                        + " && ln -s ../checkpoints/best.pt /mlops/output/model/latest.pt")).build(), s.log));
        assertThat(e).isNotNull();
        assertThat(e.getFailure()).isEqualTo(ContainerFailure.OUTPUT_INVALID);
        assertThat(e.getMessage()).contains("'output/model/latest.pt' is a link (to ../checkpoints/best.pt) that leads"
                + " outside the model directory");
        assertThat(s.outputDir).doesNotExist();
        s.assertNothingLeft();
    }
}
