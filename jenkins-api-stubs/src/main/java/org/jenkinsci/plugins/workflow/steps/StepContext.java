package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stand-in for workflow-step-api's {@code StepContext} (710.v3e456cc85233): how a running step reaches its build,
 * workspace, log and environment, and how it reports its outcome ({@code onSuccess}/{@code onFailure}, from
 * Guava's {@link FutureCallback}). Abstract members the plugin never calls ({@code isReady}, {@code saveState},
 * {@code setResult}, {@code newBodyInvoker}) are left out.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    private static final long serialVersionUID = 1L;
}
