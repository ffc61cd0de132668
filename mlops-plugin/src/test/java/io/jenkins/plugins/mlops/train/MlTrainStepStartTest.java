package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.testing.context.CapturingListener;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.context.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Step.start}, as Pipeline calls it: a wrong argument stops the step before anything runs. */
class MlTrainStepStartTest {

    @Test
    void startFailsAtOnceWithTheArgumentNamedAndRunsNothing(@TempDir Path workspace) throws Exception {
        MlTrainStep step = DataBinding.instantiate(MlTrainStep.class, Map.of("image", "trainer:1", "memory", "lots"));
        CapturingListener log = new CapturingListener();
        TestRun run = new TestRun(7);

        assertThatThrownBy(() -> step.start(new TestStepContext(workspace, run, log, new EnvVars())))
                .isInstanceOf(AbortException.class)
                .hasMessage("mlTrain: Invalid argument 'memory': 'lots' is not a size; write it like 512m or 2g");
        assertThat(run.getActions(TrainingAction.class)).isEmpty();
        assertThat(log.text()).isEmpty();
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files).as("nothing written to the workspace").isEmpty();
        }
    }

}
