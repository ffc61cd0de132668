package io.jenkins.plugins.mlops.registry;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Descriptor.FormException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsMaps;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.core.report.ReportHeading;
import io.jenkins.plugins.mlops.steps.CallIds;
import io.jenkins.plugins.mlops.steps.FormArguments;
import io.jenkins.plugins.mlops.steps.FormChecks;
import io.jenkins.plugins.mlops.steps.NameValueArgument;
import io.jenkins.plugins.mlops.steps.PipelineArguments;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import io.jenkins.plugins.mlops.steps.StepReports;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The {@code mlRegister} Pipeline step: stores a model from the workspace as the next version of its name in a
 * model registry (docs/registry.md), with its metrics, params, the build's gate verdict and lineage, and points
 * aliases at it. A version whose gate did not pass gets no alias unless {@code force: true}, which the alias history
 * records. Arguments are named; {@code name} and {@code model} are required:
 * {@code mlRegister name: 'movie_predictor', model: run.model, aliases: ['candidate']}.
 */
public class MlRegisterStep extends Step {

    private String name;
    private String model;
    private List<String> aliases;
    private boolean force;
    /** A Jenkinsfile's maps or {@code name=value} lines. */
    private final NameValueArgument metrics = new NameValueArgument();
    private final NameValueArgument params = new NameValueArgument();
    private String registry;
    /** Argument names this step does not have; {@link #start} warns about them as Pipeline does. */
    private List<String> unknownArguments = List.of();

    @DataBoundConstructor
    public MlRegisterStep() {
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepArguments.trimToNull(name);
    }

    public String getModel() {
        return model;
    }

    @DataBoundSetter
    public void setModel(String model) {
        this.model = StepArguments.trimToNull(model);
    }

    public List<String> getAliases() {
        return aliases == null ? null : Collections.unmodifiableList(aliases);
    }

    @DataBoundSetter
    public void setAliases(List<String> aliases) {
        if (aliases == null) {
            this.aliases = null;
            return;
        }
        List<String> copy = new ArrayList<>();
        for (Object a : (List<?>) aliases) {
            copy.add(a == null ? null : a.toString().trim());
        }
        this.aliases = copy;
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    /** {@code name=value} lines; a map given in a Jenkinsfile reads back in this form. */
    public String getMetrics() {
        return metrics.text(m -> MetricsMaps.flatten("metrics", m));
    }

    /** {@code name=value} lines of numbers; a Jenkinsfile may give a map instead. */
    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics.setText(metrics);
    }

    /** {@code name=value} lines; a map given in a Jenkinsfile reads back in this form. */
    public String getParams() {
        return params.text();
    }

    /** {@code name=value} lines (numbers and booleans read as such); a Jenkinsfile may give a map, nested too. */
    @DataBoundSetter
    public void setParams(String params) {
        this.params.setText(params);
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = StepArguments.trimToNull(registry);
    }

    /** Checks every argument before anything runs, then hands over to {@link MlRegisterExecution}. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        PipelineArguments.warnUnknown(context.get(TaskListener.class), getClass(), unknownArguments);
        RegistrationPlan plan;
        try {
            plan = toPlan();
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        }
        Run<?, ?> run = context.get(Run.class);
        ReportHeading heading = StepReports.heading("mlRegister", context.get(EnvVars.class));
        return new MlRegisterExecution(context, plan, CallIds.next(run), heading);
    }

    /**
     * The checked arguments.
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    RegistrationPlan toPlan() {
        Map<String, Object> given = metrics.numbers("metrics");
        Map<String, Double> flatMetrics = given == null ? null : MetricsMaps.flatten("metrics", given);
        Map<String, Object> params = this.params.typed("params");
        if (aliases != null && aliases.contains(null)) {
            throw new MlopsArgumentException("aliases", "contains an empty alias");
        }
        // The core checks name, model, aliases, metrics and params as it will when registering; nothing is stored.
        RegistrationRequest.builder().name(name).modelPath(model).aliases(aliases).metrics(flatMetrics)
                .params(params).build();
        RegistryLocation location = registry == null ? null : RegistryLocation.parse("registry", registry);
        return new RegistrationPlan(name, model, aliases == null ? List.of() : aliases, force, flatMetrics, params,
                location);
    }

    /** What {@link DescriptorImpl#newInstance(Map)} took out of a Jenkinsfile's arguments. */
    void fromPipeline(Map<String, Object> metrics, Map<String, Object> params, List<String> unknown) {
        this.metrics.setMap(metrics);
        this.params.setMap(params);
        this.unknownArguments = List.copyOf(unknown);
    }

    /** Registers {@code mlRegister} with Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlRegister";
        }

        @Override
        public String getDisplayName() {
            return "Register a model version in the model registry";
        }

        /** The model is a file in the workspace; the build gives lineage, the gate verdict and the environment. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }

        /** A Jenkinsfile's arguments: metrics and params maps, unknown names (see PipelineArguments). */
        @Override
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            PipelineArguments a = PipelineArguments.of(getFunctionName(), clazz, arguments);
            Map<String, Object> metrics = a.map("metrics");
            Map<String, Object> params = a.map("params");
            MlRegisterStep step = (MlRegisterStep) super.newInstance(a.remaining());
            step.fromPipeline(metrics, params, a.unknown());
            return step;
        }

        /** The Snippet Generator's form: empty boxes are not given, aliases are one per line. */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, FormArguments.of(formData).lines("aliases").form());
        }

        /** The registry's own naming rule, so the form says what the step would. */
        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.modelName("name", value);
        }

        /** One alias per line, each checked as the registry checks it. */
        public FormValidation doCheckAliases(@QueryParameter String value) {
            return FormChecks.parses(value, v -> KeyValues.lines(v).forEach(a -> ModelNames.requireAlias("aliases", a)));
        }

        public FormValidation doCheckMetrics(@QueryParameter String value) {
            return FormChecks.numbers("metrics", value);
        }
    }
}
