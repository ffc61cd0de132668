package org.jenkinsci.plugins.workflow.steps;

import java.io.IOException;

/**
 * Stand-in for workflow-step-api's {@code SynchronousResumeNotSupportedException} (710.v3e456cc85233): how a
 * {@link SynchronousNonBlockingStepExecution} fails when the controller restarts under it. Same message.
 */
public class SynchronousResumeNotSupportedException extends Exception {

    public SynchronousResumeNotSupportedException(StepContext context) {
        super(String.format("The Pipeline step `%s` cannot be resumed after a controller restart. In Scripted syntax,"
                + " you may wrap its containing `node` block within `retry(conditions: [nonresumable()], count: 2)"
                + " {...}`, or, in Declarative syntax, use the `retries` option to an `agent` directive to allow the"
                + " stage to be retried.", functionName(context)));
    }

    private static String functionName(StepContext context) {
        try {
            StepDescriptor d = context.get(StepDescriptor.class);
            return d != null ? d.getFunctionName() : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
