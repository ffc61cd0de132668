package io.jenkins.plugins.mlops.registry;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.metrics.MetricsMaps;
import io.jenkins.plugins.mlops.core.registry.RegistrationRequest;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

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
    private Map<String, Object> metrics;
    private Map<String, Object> params;
    private String registry;

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

    public Map<String, Object> getMetrics() {
        return metrics == null ? null : Collections.unmodifiableMap(metrics);
    }

    @DataBoundSetter
    public void setMetrics(Map<String, Object> metrics) {
        this.metrics = metrics == null ? null : new LinkedHashMap<>(metrics);
    }

    public Map<String, Object> getParams() {
        return params == null ? null : Collections.unmodifiableMap(params);
    }

    /** Groovy hands over GStrings for interpolated values, nested ones too; the registry stores JSON text. */
    @DataBoundSetter
    public void setParams(Map<String, Object> params) {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = params == null ? null : (Map<String, Object>) plainValue(params);
        this.params = plain;
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
        RegistrationPlan plan;
        try {
            plan = toPlan();
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlRegister: " + e.getMessage());
        }
        return new MlRegisterExecution(context, plan);
    }

    /**
     * The checked arguments.
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    RegistrationPlan toPlan() {
        Map<String, Double> flatMetrics = metrics == null ? null : MetricsMaps.flatten("metrics", metrics);
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

    private static Object plainValue(Object v) {
        if (v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k == null ? null : k.toString(), plainValue(x)));
            return copy;
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>();
            c.forEach(x -> copy.add(plainValue(x)));
            return copy;
        }
        return v;
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
    }
}
