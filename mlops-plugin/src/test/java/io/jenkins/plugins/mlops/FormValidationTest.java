package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.deploy.MlDeployStep;
import io.jenkins.plugins.mlops.registry.MlRegisterStep;
import io.jenkins.plugins.mlops.testing.DataBinding;
import io.jenkins.plugins.mlops.train.MlTrainStep;
import io.jenkins.plugins.mlops.validate.MlValidateStep;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.QueryParameter;

/**
 * What the Snippet Generator's forms of mlValidate, mlRegister and mlDeploy say while the user types: the core's
 * own parsers and messages, so the form and the build say the same thing.
 */
class FormValidationTest {

    private final MlValidateStep.DescriptorImpl validate = new MlValidateStep.DescriptorImpl();
    private final MlRegisterStep.DescriptorImpl register = new MlRegisterStep.DescriptorImpl();
    private final MlDeployStep.DescriptorImpl deploy = new MlDeployStep.DescriptorImpl();

    @Test
    void aWrongRuleIsShownWithItsCaretUnderTheColumnInAFixedWidthBlock() {
        FormValidation v = validate.doCheckThresholds("rmse < 0.9\n\nmae << 0.7");
        assertThat(v.kind).isEqualTo(FormValidation.Kind.ERROR);
        String html = v.renderHtml();
        assertThat(html).startsWith("<div class=error><pre>Invalid argument &#39;thresholds&#39;: rule 2, column 6: ")
                .contains("\n  mae &lt;&lt; 0.7\n       ^</pre>");
        assertThat(validate.doCheckThresholds("rmse < 0.9\nmae <= baseline.mae * 1.05").kind)
                .isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void theRulesAreRequiredAndAScriptInARuleIsShownAsText() {
        FormValidation empty = validate.doCheckThresholds("  \n");
        assertThat(empty.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(empty.renderHtml()).contains("no rules given");
        String html = validate.doCheckThresholds("<script>alert(1)</script> < 1").renderHtml();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void eachFieldIsCheckedByTheParserTheStepRuns() {
        assertThat(validate.doCheckOnFailure("UNSTABLE").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(validate.doCheckOnFailure("WARN").renderHtml()).contains("onFailure");
        assertThat(validate.doCheckCorrection("holm").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(validate.doCheckCorrection("sidak").renderHtml()).contains("correction");
        assertThat(validate.doCheckMetrics("rmse=0.8\nmae=abc").renderHtml()).contains("metrics");
        assertThat(validate.doCheckTimeout("10m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(validate.doCheckImage("Evaluator:1").renderHtml()).contains("image", "lowercase");

        assertThat(register.doCheckName("movie_predictor").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(register.doCheckName("movie predictor").renderHtml()).contains("name");
        assertThat(register.doCheckAliases("candidate\nproduction").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(register.doCheckAliases("candidate\n42").renderHtml()).contains("aliases");
        assertThat(register.doCheckMetrics("rmse=x").kind).isEqualTo(FormValidation.Kind.ERROR);

        assertThat(deploy.doCheckImage("movie-predictor:serve").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(deploy.doCheckImage("movie-predictor:").renderHtml()).contains("tag");
        assertThat(deploy.doCheckService("movie predictor").renderHtml()).contains("service");
        assertThat(deploy.doCheckHealthTimeout("soon").renderHtml()).contains("healthTimeout");
        assertThat(deploy.doCheckKeepPrevious("30m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(deploy.doCheckMemory("lots").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(deploy.doCheckAlias("production").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void emptyOptionalFieldsAreFine() {
        for (FormValidation v : new FormValidation[] {validate.doCheckOnFailure(""), validate.doCheckImage(null),
                register.doCheckAliases(""), deploy.doCheckImage(""), deploy.doCheckService(null)}) {
            assertThat(v.kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    /**
     * Stapler calls doCheck{Field} with the field's value as {@code value} and other fields by parameter name: each
     * parameter must be a @QueryParameter and each checked field one the step binds.
     */
    @Test
    void everyCheckIsAWebMethodStaplerCanBindToAFieldOfItsStep() {
        Map<Class<?>, Class<?>> steps = Map.of(MlTrainStep.DescriptorImpl.class, MlTrainStep.class,
                MlValidateStep.DescriptorImpl.class, MlValidateStep.class,
                MlRegisterStep.DescriptorImpl.class, MlRegisterStep.class,
                MlDeployStep.DescriptorImpl.class, MlDeployStep.class);
        steps.forEach((descriptor, step) -> {
            int checks = 0;
            for (Method m : descriptor.getDeclaredMethods()) {
                if (!m.getName().startsWith("doCheck")) {
                    continue;
                }
                checks++;
                assertThat(m.getReturnType()).isEqualTo(FormValidation.class);
                Parameter[] ps = m.getParameters();
                assertThat(ps[0].getName()).as(m.getName()).isEqualTo("value");
                for (Parameter p : ps) {
                    assertThat(p.getAnnotation(QueryParameter.class)).as(m.getName() + " " + p.getName()).isNotNull();
                }
                String field = Character.toLowerCase(m.getName().charAt(7)) + m.getName().substring(8);
                assertThat(DataBinding.setters(step)).as(step.getSimpleName() + "." + field).containsKey(field);
            }
            assertThat(checks).as(descriptor.getName()).isPositive();
        });
    }
}
