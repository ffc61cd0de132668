package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/** How Pipeline finds and calls {@code mlValidate} and {@code mlRegister}. */
class ValidateAndRegisterDescriptorsTest {

    private final MlValidateStep.DescriptorImpl validate = new MlValidateStep.DescriptorImpl();
    private final MlRegisterStep.DescriptorImpl register = new MlRegisterStep.DescriptorImpl();

    @Test
    void areCalledMlValidateAndMlRegister() {
        assertThat(validate.getFunctionName()).isEqualTo("mlValidate");
        assertThat(validate.getDisplayName()).isEqualTo("Check a model's metrics against a quality gate");
        assertThat(register.getFunctionName()).isEqualTo("mlRegister");
        assertThat(register.getDisplayName()).isEqualTo("Register a model version in the model registry");
    }

    @Test
    void needAWorkspaceItsBuildLogEnvironmentAndLauncherAndNoBody() {
        for (StepDescriptor d : new StepDescriptor[] {validate, register}) {
            assertThat(Set.<Class<?>>copyOf(d.getRequiredContext())).as(d.getFunctionName())
                    .containsExactlyInAnyOrder(Run.class, FilePath.class, Launcher.class, TaskListener.class,
                            EnvVars.class);
            assertThat(d.getProvidedContext()).isEmpty();
            assertThat(d.takesImplicitBlockArgument()).as("no body block").isFalse();
        }
    }

    @Test
    void describeTheirStepsAndAreExtensions() {
        assertThat(validate.clazz).isEqualTo(MlValidateStep.class);
        assertThat(register.clazz).isEqualTo(MlRegisterStep.class);
        for (Class<?> step : new Class<?>[] {MlValidateStep.class, MlRegisterStep.class}) {
            assertThat(step.getResource(step.getSimpleName() + "/config.jelly")).as(step + " form").isNotNull();
            assertThat(step.getResource(step.getSimpleName() + "/help.html")).as(step + " help").isNotNull();
        }
        assertThat(MlValidateStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
        assertThat(MlRegisterStep.DescriptorImpl.class.getAnnotation(Extension.class)).isNotNull();
    }
}
