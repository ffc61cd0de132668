package org.jenkinsci.plugins.workflow.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stand-in for workflow-step-api's {@code SynchronousNonBlockingStepExecution} (710.v3e456cc85233), with the same
 * behaviour minus Jenkins' security context: {@link #start} runs {@link #run} on a pooled daemon thread and reports
 * its value or exception to the context; {@link #stop} interrupts that thread and fails the step with the given
 * cause, and anything {@code run} throws after that is attached to the cause instead of being reported. While the
 * thread runs, {@link #blocksRestart} is true (a safe restart waits for it) and {@link #getStatus} names the thread.
 * After a controller restart {@link #onResume} fails the step with {@link SynchronousResumeNotSupportedException}:
 * the thread did not survive, and nothing of the work it had started is taken over.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    private transient volatile Future<?> task;
    private transient volatile String threadName;
    private transient volatile Throwable stopCause;
    private static ExecutorService executorService;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        task = getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                T ret = run();
                getContext().onSuccess(ret);
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            }
        });
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        if (task != null) {
            stopCause = cause;
            task.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        StepContext context = getContext();
        context.onFailure(new SynchronousResumeNotSupportedException(context));
    }

    @Override
    public String getStatus() {
        return threadName != null ? "running in thread: " + threadName : "not yet scheduled";
    }

    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    static synchronized ExecutorService getExecutorService() {
        if (executorService == null) {
            executorService = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, SynchronousNonBlockingStepExecution.class.getName());
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }
}
