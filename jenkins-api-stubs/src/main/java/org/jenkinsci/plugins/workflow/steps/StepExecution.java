package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Stand-in for workflow-step-api's {@code StepExecution} (710.v3e456cc85233): the running state of one step call.
 * Serializable because Pipeline saves it with the program.
 */
public abstract class StepExecution implements Serializable {

    private StepContext context;

    /** @deprecated as in workflow-step-api: pass the context. */
    @Deprecated
    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("no StepContext was given to this StepExecution");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }

    private static final long serialVersionUID = 1L;
}
