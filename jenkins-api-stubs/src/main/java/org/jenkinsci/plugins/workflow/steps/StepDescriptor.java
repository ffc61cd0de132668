package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Collections;
import java.util.Set;

/**
 * Stand-in for workflow-step-api's {@code StepDescriptor} (710.v3e456cc85233): the step's Pipeline function name
 * and the context objects it needs. The lookup statics ({@code all()}, {@code byFunctionName}) need a running
 * Jenkins and are left out.
 */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() {
        return Collections.emptySet();
    }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        return false;
    }

    public boolean isAdvanced() {
        return false;
    }

    public boolean isMetaStep() {
        return false;
    }
}
