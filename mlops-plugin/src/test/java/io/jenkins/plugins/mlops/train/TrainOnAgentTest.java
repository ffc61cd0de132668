package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.WorkspacePaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callable is what remoting ships to the agent: it must serialize, and its paths must come out right there. */
class TrainOnAgentTest {

    /** Serializable the way a remoting-exported listener is; the log itself stays behind. */
    private static final class SerializableListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return System.out;
        }
    }

    @Test
    void travelsToTheAgentWithTheBuildEnvironment() throws Exception {
        TrainingSpec spec = TrainingSpec.builder().image("trainer:1").epochs(2)
                .workDir("/ws").outputDir("/ws/.mlops/runs/1-abcdef01").build();
        EnvVars env = new EnvVars("DOCKER_HOST", "tcp://127.0.0.1:2375", "PATH", "/usr/bin");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new TrainOnAgent(spec, new SerializableListener(), env));
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isInstanceOf(TrainOnAgent.class);
        assertThat(copy).extracting("buildEnv").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("DOCKER_HOST", "tcp://127.0.0.1:2375");
        assertThat(copy).extracting("spec").extracting("outputDir").isEqualTo("/ws/.mlops/runs/1-abcdef01");
    }

    @Test
    void modelPathIsGivenRelativeToTheWorkspaceWithForwardSlashes(@TempDir Path ws) {
        String model = ws.resolve(".mlops").resolve("runs").resolve("1-abcdef01").resolve("model").toString();

        assertThat(WorkspacePaths.relative(ws.toFile(), model)).isEqualTo(".mlops/runs/1-abcdef01/model");
        assertThat(WorkspacePaths.relative(new File(ws.toString() + File.separator + "."), model))
                .isEqualTo(".mlops/runs/1-abcdef01/model");
    }

    @Test
    void aModelOutsideTheWorkspaceKeepsItsAbsolutePath(@TempDir Path ws, @TempDir Path elsewhere) {
        String model = elsewhere.resolve("model").toString();

        assertThat(WorkspacePaths.relative(ws.toFile(), model)).isEqualTo(model);
    }
}
