package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stand-in for workflow-step-api's {@code StepContext} (710.v3e456cc85233): how a running step reaches its build,
 * workspace, log and environment, and how it reports its outcome ({@code onSuccess}/{@code onFailure}, from
 * Guava's {@link FutureCallback}), whether it is ready after a restart, and asking Pipeline to save the running
 * step's state. Serializable: a step execution that survives a restart keeps its context, and Pipeline hands back
 * one that reaches the same build. Abstract members the plugin never calls ({@code setResult},
 * {@code newBodyInvoker}) are left out.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    /** False while Pipeline is still loading the context after a restart; {@link #get} may then block. */
    public abstract boolean isReady();

    /**
     * Asks Pipeline to write the step execution's state (with the rest of the build's program) to disk: what a
     * long-running step calls after it changed its fields, so that a restart resumes from there.
     *
     * @return done when the state was saved
     */
    public abstract ListenableFuture<Void> saveState();

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    private static final long serialVersionUID = 1L;
}
