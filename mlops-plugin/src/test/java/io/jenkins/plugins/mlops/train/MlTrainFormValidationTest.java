package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

/** What the Snippet Generator's mlTrain form says while the user types, from the parsers the step runs. */
class MlTrainFormValidationTest {

    private final MlTrainStep.DescriptorImpl descriptor = new MlTrainStep.DescriptorImpl();

    @Test
    void neitherImageNorDockerfileIsAWarningOnBothFields() {
        FormValidation image = descriptor.doCheckImage("", "");
        assertThat(image.kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(image.getMessage()).contains("Either image or dockerfile is needed");
        assertThat(descriptor.doCheckDockerfile(null, null).kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(descriptor.doCheckImage("trainer:1", "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckDockerfile("Dockerfile", "").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void memoryAndDurationsAreCheckedByTheStepsOwnParsersWithTheStepsMessages() {
        assertThat(descriptor.doCheckMemory("2g").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckMemory("").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation memory = descriptor.doCheckMemory("2 gigs");
        assertThat(memory.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(memory.getMessage()).contains("memory");
        assertThat(descriptor.doCheckShmSize("lots").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckTimeout("30m").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation timeout = descriptor.doCheckTimeout("soon");
        assertThat(timeout.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(timeout.getMessage()).contains("timeout");
    }
}
