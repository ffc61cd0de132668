package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How Pipeline finds and calls the step. */
class MlTrainStepDescriptorTest {

    private final MlTrainStep.DescriptorImpl descriptor = new MlTrainStep.DescriptorImpl();

    @Test
    void isCalledMlTrain() {
        assertThat(descriptor.getFunctionName()).isEqualTo("mlTrain");
        assertThat(descriptor.getDisplayName()).isEqualTo("Train a machine-learning model in a Docker container");
    }

    @Test
    void needsAWorkspaceItsBuildLogEnvironmentAndLauncherAndNothingElse() {
        // The launcher is what Jenkins' artifact API takes to archive the call's report (as archiveArtifacts does).
        assertThat(Set.<Class<?>>copyOf(descriptor.getRequiredContext()))
                .containsExactlyInAnyOrder(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
        assertThat(descriptor.getProvidedContext()).isEmpty();
        assertThat(descriptor.takesImplicitBlockArgument()).as("no body block").isFalse();
    }

    @Test
    void describesTheStepAndIsAnExtension() {
        assertThat(descriptor.clazz).isEqualTo(MlTrainStep.class);
        assertThat(MlTrainStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
        assertThat(MlTrainStep.class.getResource("MlTrainStep/config.jelly")).isNotNull();
        assertThat(MlTrainStep.class.getResource("MlTrainStep/help.html")).isNotNull();
    }
}
