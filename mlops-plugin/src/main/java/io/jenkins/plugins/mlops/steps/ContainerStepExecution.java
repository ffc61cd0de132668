package io.jenkins.plugins.mlops.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.ContainerRunState;
import io.jenkins.plugins.mlops.core.container.Formats;
import io.jenkins.plugins.mlops.core.container.Interruptions;
import io.jenkins.plugins.mlops.core.container.LogChunk;
import io.jenkins.plugins.mlops.core.container.LogCursor;
import io.jenkins.plugins.mlops.core.container.job.JobHandle;
import io.jenkins.plugins.mlops.core.container.job.JobPoll;
import io.jenkins.plugins.mlops.core.container.job.JobRunner;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step whose work is one container job that may outlive the controller's attention: a controller restart, an
 * agent that disconnects and comes back. The container, its log and its exit code are the Docker host's; this
 * execution only persists what finds them again — the {@link JobHandle}, how far the log was read (a
 * {@link LogCursor}), when the container started and the call's id — and polls, as Pipeline's {@code sh} step polls
 * its durable task:
 *
 * <ol>
 * <li>prepare (on a worker thread): sweep what earlier builds of this controller left on the Docker host, then the
 * subclass creates the container (image, inputs) through the agent;</li>
 * <li>start it, and print the container layer's "Started container" line on the controller, before any of the
 * container's own lines;</li>
 * <li>poll (on {@link Timer}, with back-off while the container is quiet): print the lines after the cursor and
 * advance it in one synchronized step, which is also what serialization takes, so the saved state always matches
 * what the log shows; then ask Pipeline to save. An unreachable agent or engine is waited for, up to
 * {@link #agentTimeout()};</li>
 * <li>once it has exited: the subclass collects and records the result; the call's containers and volumes are
 * removed by its label.</li>
 * </ol>
 *
 * <p>After a restart {@link #onResume} carries on from the phase that was saved: a call still preparing removes
 * what it may have half-created and prepares again; a running one polls from its cursor; a collecting one
 * collects. The timeout is counted from the container's start across restarts. {@link #stop} stops and removes
 * the call's containers (SIGTERM, the grace period, then SIGKILL) and says so in one line. Only the collect phase
 * blocks a safe restart: waiting for a container to finish never does.
 */
public abstract class ContainerStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    /**
     * System property: seconds an agent (or the Docker Engine it reaches) may stay unreachable while its container
     * runs before the step gives up. Default 600 (10 minutes), twice Pipeline's own wait for an agent after a
     * controller restart.
     */
    public static final String AGENT_TIMEOUT_PROPERTY = ContainerStepExecution.class.getName() + ".agentTimeoutSeconds";
    static final long DEFAULT_AGENT_TIMEOUT_SECONDS = 600;
    static final long FIRST_POLL_MILLIS = 250;
    static final long MAX_POLL_MILLIS = 5_000;
    /** Bounds what one poll carries over the channel; a chattier container is read by several polls in a row. */
    static final int LINES_PER_POLL = 5_000;

    private static ExecutorService workers;

    enum Phase { PREPARING, RUNNING, COLLECTING }

    private final String callId;
    /** Null for none. */
    private final Long timeoutMillis;
    private volatile Phase phase = Phase.PREPARING;
    private volatile JobHandle handle;
    private volatile LogCursor cursor = LogCursor.START;
    /** Controller clock, when the container was seen started; 0 before. */
    private volatile long runningSinceMillis;
    /** Controller clock, since when the agent or its engine could not be reached; 0 while it can. */
    private volatile long unreachableSinceMillis;
    /** How the container ended, once a poll saw it. */
    private volatile ContainerRunState finished;
    /** The words of the timeout failure, once the container was stopped for it. */
    private volatile String timeoutFailure;

    private transient volatile Future<?> work;
    private transient volatile ScheduledFuture<?> nextPoll;
    private transient volatile long pollDelayMillis;
    private transient volatile Throwable stopCause;
    private transient volatile boolean resumed;
    private transient volatile String doing;
    private transient AtomicBoolean completed = new AtomicBoolean();

    protected ContainerStepExecution(StepContext context, String callId, Duration timeout) {
        super(context);
        this.callId = callId;
        this.timeoutMillis = timeout == null ? null : timeout.toMillis();
    }

    /** The step's Pipeline name, as its messages start: {@code mlTrain}. */
    protected abstract String function();

    /** What the container does, as status and messages say it: {@code training}. */
    protected abstract String purpose();

    /**
     * Creates the container (not started) on the Docker host through the agent that holds {@code workspace}, with
     * {@code labels} added to its own. Null when this call needs no container ({@link #collect} then runs at once).
     *
     * @throws DockerHostException when the engine failed (recorded through {@link #failed})
     */
    protected abstract JobHandle prepare(StepEnvironment step, FilePath workspace, Map<String, String> labels)
            throws Exception;

    /**
     * Collects and records the result of the finished container (or of a call without one: {@code handle} and
     * {@code ended} are then null) and returns the step's value.
     *
     * @throws DockerHostException when the container failed (recorded through {@link #failed})
     */
    protected abstract Object collect(StepEnvironment step, FilePath workspace, JobHandle handle, ContainerRunState ended)
            throws Exception;

    /**
     * Whether this call runs a container at all; one that does not (a gate on given metrics) never talks to a Docker
     * Engine, so an agent without one can run it.
     */
    protected boolean needsContainer() {
        return true;
    }

    /** Records a failed call on the build and returns what fails the step. */
    protected abstract Exception failed(StepEnvironment step, String failure, String message, Integer exitCode);

    /** Also the value of {@link ContainerLabels#STEP_CALL} on everything this call creates on the Docker host. */
    public String getCallId() {
        return callId;
    }

    /** The step's own messages start with this: {@code [mlTrain] }. */
    protected final String prefix() {
        return "[" + function() + "] ";
    }

    @Override
    public final boolean start() {
        submit(this::prepareAndStart);
        return false;
    }

    @Override
    public void onResume() {
        resumed = true;
        JobHandle h = handle;
        if (needsContainer()) {
            println(prefix() + "Resumed after a controller restart: " + (h == null ? "preparing the " + purpose()
                    + " container again" : phase == Phase.RUNNING ? "following " + h + " from where its log stopped"
                    : "collecting the outputs of " + h));
        }
        switch (phase) {
            case PREPARING -> submit(this::prepareAndStart);
            case RUNNING -> schedulePoll(0);
            default -> submit(this::collectAndFinish);
        }
    }

    @Override
    public void stop(Throwable cause) {
        if (completed.get() || stopCause != null) {
            return;
        }
        stopCause = cause;
        ScheduledFuture<?> poll = nextPoll;
        if (poll != null) {
            poll.cancel(false);
        }
        Future<?> inFlight = work;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        workers().submit(() -> abort(inFlight, cause));
    }

    @Override
    public String getStatus() {
        JobHandle h = handle;
        return switch (phase) {
            case PREPARING -> doing != null ? doing : "preparing the " + purpose() + " container";
            case RUNNING -> {
                long unreachable = unreachableSinceMillis;
                if (unreachable > 0) {
                    yield "waiting for the agent to come back (unreachable for " + since(unreachable) + " of "
                            + Formats.duration(Duration.ofSeconds(agentTimeout())) + "); " + h + " keeps running on its"
                            + " Docker host";
                }
                yield h + " running for " + since(runningSinceMillis) + "; its log is followed every "
                        + Formats.duration(Duration.ofMillis(Math.max(pollDelayMillis, FIRST_POLL_MILLIS)))
                        + (timeoutMillis == null ? "" : "; timeout " + Formats.duration(Duration.ofMillis(timeoutMillis)));
            }
            case COLLECTING -> h == null ? "finishing" : "collecting the outputs of " + h;
        };
    }

    /** Only while outputs are copied: a restart then would copy them twice at once. Waiting for a container never blocks. */
    @Override
    public boolean blocksRestart() {
        Future<?> w = work;
        return phase == Phase.COLLECTING && w != null && !w.isDone();
    }

    private void prepareAndStart() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        try {
            prepareAndStart(step, step.workspace());
        } catch (DockerHostException e) {
            // The engine refused (no image, a failed build) or is not there: what the step records and says.
            if (!e.getFailure().equals("DAEMON_UNREACHABLE")) {
                try {
                    removeCall(step, step.workspace(), false);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw failed(step, e.getFailure(), e.getMessage(), e.getExitCode());
        }
    }

    private void prepareAndStart(StepEnvironment step, FilePath workspace) throws Exception {
        if (handle == null) {
            if (needsContainer()) {
                if (resumed) {
                    // The restart may have come while an earlier attempt was creating the container.
                    removeCall(step, workspace, false);
                }
                sweepLeftovers(step, workspace);
            }
            doing = "preparing the " + purpose() + " container (image, inputs)";
            JobHandle created = prepare(step, workspace, labels(step));
            if (created == null) {
                phase = Phase.COLLECTING;
                save();
                collectAndFinish();
                return;
            }
            handle = created;
            save();
        }
        doing = "starting " + handle;
        JobCalls.Said<ContainerRunState> started = workspace.act(new JobCalls.Start(function(), step.env(), handle));
        synchronized (this) {
            started.messages().forEach(m -> println(prefix() + m));
            if (runningSinceMillis == 0) {
                runningSinceMillis = System.currentTimeMillis();
            }
            phase = Phase.RUNNING;
        }
        save();
        schedulePoll(0);
    }

    private void poll() {
        if (isOver()) {
            return;
        }
        StepEnvironment step;
        JobPoll p;
        try {
            step = StepEnvironment.of(getContext());
            FilePath workspace = step.workspace();
            if (workspace == null) {
                throw new IOException("the agent is not connected");
            }
            p = workspace.act(new JobCalls.Poll(function(), step.env(), handle, cursor, LINES_PER_POLL));
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || Interruptions.isInterruption(e)) {
                // The controller is shutting down (Jenkins stops its timer): the saved state resumes from here.
                return;
            }
            troubleReaching(e);
            return;
        } catch (InterruptedException e) {
            return;
        }
        if (isOver()) {
            return;
        }
        reachable();
        printAndGoOn(p);
    }

    /** What a poll that did not get through does: wait for the agent or engine, or fail for a failed container. */
    private void troubleReaching(Exception failure) {
        if (failure instanceof DockerHostException e) {
            if (e.isEngineTrouble()) {
                unreachable(e);
            } else {
                submit(() -> {
                    StepEnvironment env = StepEnvironment.of(getContext());
                    try {
                        removeCall(env, env.workspace(), true);
                    } finally {
                        complete(null, failed(env, e.getFailure(), e.getMessage(), e.getExitCode()));
                    }
                });
            }
            return;
        }
        unreachable(failure instanceof IOException io ? io : new IOException(failure.toString(), failure));
    }

    private void printAndGoOn(JobPoll p) {
        boolean printed;
        if (p.log() != null) {
            printed = print(p.log());
            if (!printed && !p.log().lines().isEmpty()) {
                // Jenkins is shutting down: the saved state re-reads these lines after the restart.
                return;
            }
        } else {
            printed = false;
        }
        if (p.finished()) {
            finished = p.status();
            phase = Phase.COLLECTING;
            save();
            submit(this::collectAndFinish);
            return;
        }
        if (printed) {
            save();
        }
        if (timeoutMillis != null && timeoutFailure == null
                && System.currentTimeMillis() - runningSinceMillis > timeoutMillis) {
            submit(this::timeOut);
            return;
        }
        boolean more = p.log() != null && p.log().more();
        long delay = printed ? FIRST_POLL_MILLIS : Math.min(MAX_POLL_MILLIS, Math.max(FIRST_POLL_MILLIS,
                pollDelayMillis * 5 / 4));
        schedulePoll(more ? 0 : delay);
    }

    /** Prints the lines and moves the cursor past them, as one step; false when Jenkins is going down meanwhile. */
    private synchronized boolean print(LogChunk chunk) {
        if (chunk.lines().isEmpty()) {
            cursor = chunk.next();
            return false;
        }
        if (shuttingDown()) {
            return false;
        }
        PrintStream log = logger();
        if (log == null) {
            return false;
        }
        synchronized (log) {
            for (String line : chunk.lines()) {
                log.println(line);
            }
            log.flush();
        }
        cursor = chunk.next();
        return true;
    }

    private void timeOut() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        JobCalls.Said<String> said = step.workspace().act(new JobCalls.TimeOut(function(), step.env(), handle,
                timeoutMillis));
        synchronized (this) {
            said.messages().forEach(m -> println(prefix() + m));
            timeoutFailure = said.value();
        }
        save();
        // One more poll prints what the container wrote while it stopped, and sees it exited.
        schedulePoll(0);
    }

    private void collectAndFinish() throws Exception {
        StepEnvironment step = StepEnvironment.of(getContext());
        FilePath workspace = step.workspace();
        Object value;
        try {
            doing = null;
            value = result(step, workspace);
        } finally {
            cleanUp(step, workspace);
        }
        complete(value, null);
    }

    /** Removes the call's objects after its result is in; a failure to does not change that result. */
    private void cleanUp(StepEnvironment step, FilePath workspace) {
        try {
            removeCall(step, workspace, false);
        } catch (IOException | InterruptedException e) {
            println(prefix() + "Could not remove the " + purpose() + " container now (" + e.getMessage() + "); the next"
                    + " ml step on its Docker host removes it");
        }
    }

    private Object result(StepEnvironment step, FilePath workspace) throws Exception {
        JobHandle h = handle;
        ContainerRunState ended = finished;
        if (timeoutFailure != null) {
            throw failed(step, "TIMEOUT", timeoutFailure, null);
        }
        if (h != null && ended.phase() == ContainerRunState.Phase.GONE) {
            throw failed(step, "CONTAINER_GONE", JobRunner.gone(h).getMessage(), null);
        }
        if (h != null && timeoutMillis != null && ended.runMillis() > timeoutMillis) {
            // It ran out its time while nobody watched (the controller was down): the result is what the timeout
            // would have given.
            throw failed(step, "TIMEOUT", h.purpose() + " ran " + Formats.duration(Duration.ofMillis(ended.runMillis()))
                    + ", longer than its timeout of " + Formats.duration(Duration.ofMillis(timeoutMillis))
                    + ", while the controller was not watching; its result is not used", null);
        }
        try {
            return collect(step, workspace, h, ended);
        } catch (DockerHostException e) {
            throw failed(step, e.getFailure(), e.getMessage(), e.getExitCode());
        }
    }

    private void unreachable(IOException e) {
        long now = System.currentTimeMillis();
        if (unreachableSinceMillis == 0) {
            unreachableSinceMillis = now;
            println(prefix() + "Cannot reach the agent or its Docker Engine (" + e.getMessage() + "); waiting up to "
                    + Formats.duration(Duration.ofSeconds(agentTimeout())) + " for it to come back. " + handle
                    + " keeps running on its Docker host meanwhile");
            save();
        } else if (now - unreachableSinceMillis > agentTimeout() * 1000) {
            submit(() -> giveUp(e));
            return;
        }
        schedulePoll(MAX_POLL_MILLIS);
    }

    private void reachable() {
        if (unreachableSinceMillis != 0) {
            println(prefix() + "Reached the agent again after " + since(unreachableSinceMillis) + "; following "
                    + handle + " from where its log stopped");
            unreachableSinceMillis = 0;
            save();
        }
    }

    private void giveUp(IOException last) throws Exception {
        StepContext context = getContext();
        FilePath workspace;
        try {
            workspace = context.get(FilePath.class);
        } catch (IOException e) {
            workspace = null;
        }
        StepEnvironment step = new StepEnvironment(context.get(Run.class), workspace, context.get(TaskListener.class),
                context.get(EnvVars.class));
        String removed;
        try {
            removeCall(step, workspace, true);
            removed = "it was stopped and removed";
        } catch (IOException e) {
            removed = "it could not be removed from here, so it stays on its Docker host until the next ml step there"
                    + " removes it (its build is no longer running), or 'docker rm -f " + handle.containerName() + "'";
        }
        throw failed(step, "DAEMON_UNREACHABLE", "The agent or its Docker Engine could not be reached for more than "
                + Formats.duration(Duration.ofSeconds(agentTimeout())) + " (" + last.getMessage() + "); gave up on "
                + handle + ": " + removed, null);
    }

    private void abort(Future<?> inFlight, Throwable cause) {
        if (inFlight != null) {
            try {
                inFlight.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | RuntimeException | java.util.concurrent.ExecutionException e) {
                // Cancelled, failed or slow: the removal below is by label and does not depend on it.
            }
        }
        if (!needsContainer()) {
            complete(null, cause);
            return;
        }
        JobHandle h = handle;
        String line;
        try {
            StepEnvironment step = StepEnvironment.of(getContext());
            FilePath workspace = step.workspace();
            if (workspace == null) {
                throw new IOException("the agent is not connected");
            }
            JobCalls.Said<Integer> said = workspace.act(new JobCalls.RemoveCall(function(), step.env(), callId, true));
            line = h != null ? JobRunner.abortedMessage(h.purpose(), h.runId())
                    : "The " + purpose() + " was aborted while its container was being prepared; "
                    + (said.value() > 0 ? "what it had created was removed" : "nothing was left on the Docker host");
        } catch (IOException | InterruptedException | RuntimeException e) {
            line = "The " + purpose() + " was aborted; " + (h != null ? h.toString() : "its container")
                    + " could not be removed now (" + e.getMessage() + "): the next ml step on its Docker host removes it";
        }
        println(prefix() + line);
        complete(null, cause);
    }

    /**
     * Removes what builds of this controller that no longer run left on the Docker host: a build that failed to
     * resume after a restart, or whose agent never came back, could not clean up after itself.
     */
    private void sweepLeftovers(StepEnvironment step, FilePath workspace) throws IOException, InterruptedException {
        String controller = ControllerIdentity.of(step.env());
        if (controller == null) {
            return;
        }
        List<HashMap<String, String>> own = workspace.act(new JobCalls.ListOwn(function(), step.env(), controller));
        Map<String, String> ended = new HashMap<>();
        Run<?, ?> self = step.run();
        for (Map<String, String> labels : own) {
            String call = labels.get(ContainerLabels.STEP_CALL);
            String job = labels.get(ContainerLabels.JOB);
            String build = labels.get(ContainerLabels.BUILD);
            if (call == null || job == null || build == null || call.equals(callId) || ended.containsKey(call)) {
                continue;
            }
            boolean running;
            try {
                int number = Integer.parseInt(build);
                // On Jenkins' timer, which runs as SYSTEM: every build can be seen there.
                running = Timer.get().submit(() -> RunningBuilds.isRunning(self, job, number)).get();
            } catch (NumberFormatException e) {
                continue;
            } catch (java.util.concurrent.ExecutionException e) {
                println(prefix() + "Could not tell whether " + job + " #" + build + " still runs (" + e.getCause()
                        + "); its containers are left alone");
                continue;
            }
            if (!running) {
                ended.put(call, job + " #" + build);
            }
        }
        for (Map.Entry<String, String> e : ended.entrySet()) {
            JobCalls.Said<Integer> said = workspace.act(new JobCalls.RemoveCall(function(), step.env(), e.getKey(), false));
            said.messages().forEach(m -> println(prefix() + m));
            println(prefix() + "Removed " + said.value() + " container(s) and volume(s) that " + e.getValue()
                    + " (no longer running) left on the Docker host");
        }
    }

    private void removeCall(StepEnvironment step, FilePath workspace, boolean stopFirst)
            throws IOException, InterruptedException {
        if (!needsContainer()) {
            return;
        }
        if (workspace == null) {
            throw new IOException("the agent is not connected");
        }
        JobCalls.Said<Integer> said = workspace.act(new JobCalls.RemoveCall(function(), step.env(), callId, stopFirst));
        said.messages().forEach(m -> println(prefix() + m));
    }

    /** The labels that tie the call's objects to this controller, build and call, so a sweep can judge them. */
    private Map<String, String> labels(StepEnvironment step) {
        Map<String, String> labels = new HashMap<>();
        String controller = ControllerIdentity.of(step.env());
        if (controller != null) {
            labels.put(ContainerLabels.CONTROLLER, controller);
        }
        labels.put(ContainerLabels.JOB, step.run().getParent().getFullName());
        labels.put(ContainerLabels.BUILD, String.valueOf(step.run().getNumber()));
        labels.put(ContainerLabels.STEP_CALL, callId);
        return labels;
    }

    /** Runs a phase on a worker thread; what it throws fails the step, unless the step was stopped meanwhile. */
    private void submit(Work w) {
        if (isOver()) {
            return;
        }
        work = workers().submit(() -> {
            try {
                w.run();
            } catch (Throwable t) {
                if (stopCause == null) {
                    complete(null, t);
                }
            }
        });
    }

    private void schedulePoll(long delayMillis) {
        if (isOver()) {
            return;
        }
        pollDelayMillis = delayMillis;
        try {
            nextPoll = Timer.get().schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Jenkins is shutting down; the saved state resumes the polling.
        }
    }

    private void complete(Object value, Throwable failure) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> poll = nextPoll;
        if (poll != null) {
            poll.cancel(false);
        }
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(value);
        }
    }

    private boolean isOver() {
        return completed.get() || stopCause != null;
    }

    private void save() {
        try {
            getContext().saveState();
        } catch (RuntimeException e) {
            println(prefix() + "Could not save the step's state (" + e + "); a restart now would resume from an older"
                    + " one");
        }
    }

    private void println(String line) {
        PrintStream log = logger();
        if (log != null) {
            synchronized (log) {
                log.println(line);
                log.flush();
            }
        }
    }

    private PrintStream logger() {
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            return listener == null ? null : listener.getLogger();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // No build log to write to (the build is being torn down): nothing to say it with.
            return null;
        }
    }

    private boolean shuttingDown() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            return run != null && RunningBuilds.isShuttingDown(run);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static long agentTimeout() {
        return Long.getLong(AGENT_TIMEOUT_PROPERTY, DEFAULT_AGENT_TIMEOUT_SECONDS);
    }

    private static String since(long epochMillis) {
        return Formats.duration(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - epochMillis)));
    }

    /** The saved state is taken under the same lock as printing, so it always matches what the log shows. */
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        completed = new AtomicBoolean();
    }

    private static synchronized ExecutorService workers() {
        if (workers == null) {
            workers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "mlops step worker");
                t.setDaemon(true);
                return t;
            });
        }
        return workers;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

}
