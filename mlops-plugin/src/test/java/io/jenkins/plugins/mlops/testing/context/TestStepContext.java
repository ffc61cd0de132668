package io.jenkins.plugins.mlops.testing.context;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What Pipeline gives a step inside {@code node}: a workspace, its build, a log and the build's environment, plus
 * the outcome the step reports back.
 */
public final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, Object> values = new HashMap<>();
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    public TestStepContext(Path workspace, Run<?, ?> run, TaskListener listener, EnvVars env) {
        this(new FilePath(workspace.toFile()), run, listener, env);
    }

    /** With a workspace on an agent ({@link LoopbackAgent#workspace}) or on the controller. */
    public TestStepContext(FilePath workspace, Run<?, ?> run, TaskListener listener, EnvVars env) {
        values.put(FilePath.class, workspace);
        values.put(Run.class, run);
        values.put(TaskListener.class, listener);
        values.put(EnvVars.class, env);
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(values.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    /** The step's return value; throws what the step failed with. */
    public Object await(Duration timeout) throws Throwable {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the step did not finish within " + timeout, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
