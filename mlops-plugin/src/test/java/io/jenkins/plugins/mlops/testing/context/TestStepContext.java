package io.jenkins.plugins.mlops.testing.context;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What Pipeline gives a step inside {@code node}: a workspace, its build, a log, the build's environment and the
 * node's launcher, plus
 * the outcome the step reports back — and what Pipeline does across a controller restart.
 *
 * <p>As Pipeline's own context, this one is serializable and comes back reaching the same build: it is saved as
 * the id of its "program", which outlives any one controller JVM here. {@link #restartController} models a restart:
 * the program's state is written (the execution is serialized, as Pipeline writes program.dat when Jenkins stops),
 * Jenkins' timer is shut down, and the old controller is dead from then on — whatever its objects still try
 * (printing, completing the step) is dropped and counted, as it would never reach a restarted Jenkins. The
 * deserialized execution gets a context of the new controller, and {@link StepExecution#onResume()} is called, as
 * Pipeline does once the program is loaded again.
 *
 * <p>The workspace is asked for on every {@link #get}, as Pipeline's {@code node} step does: it is found again by
 * node name and path, so a {@link TestAgent} that reconnected serves its new channel, and one that is offline
 * fails the lookup with an IOException, as {@code FilePathDynamicContext} does.
 */
public final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    private static final Map<String, Program> PROGRAMS = new ConcurrentHashMap<>();

    private final String programId;
    private transient int generation;

    public TestStepContext(Path workspace, Run<?, ?> run, TaskListener listener, EnvVars env) {
        this(new FilePath(workspace.toFile()), run, listener, env);
    }

    /** With a workspace on an agent ({@link LoopbackAgent#workspace}) or on the controller. */
    public TestStepContext(FilePath workspace, Run<?, ?> run, TaskListener listener, EnvVars env) {
        this(new Program(() -> workspace, run, listener, env));
    }

    /** With the workspace at {@code directory} on an agent that may disconnect and come back. */
    public TestStepContext(TestAgent agent, Path directory, Run<?, ?> run, TaskListener listener, EnvVars env) {
        this(new Program(() -> agent.workspace(directory), run, listener, env));
    }

    private TestStepContext(Program program) {
        this.programId = UUID.randomUUID().toString();
        PROGRAMS.put(programId, program);
        this.generation = program.generation.get();
    }

    private Program program() {
        return PROGRAMS.get(programId);
    }

    private boolean alive() {
        return generation == program().generation.get();
    }

    @Override
    public <T> T get(Class<T> key) throws IOException {
        Program p = program();
        if (key == FilePath.class) {
            return key.cast(p.workspace.get());
        }
        if (key == TaskListener.class) {
            return key.cast(new GenerationListener(this));
        }
        if (key == Run.class) {
            return key.cast(p.run);
        }
        if (key == EnvVars.class) {
            return key.cast(p.env);
        }
        if (key == Launcher.class) {
            // The node's launcher, as Pipeline's node step gives it; nothing of the plugin starts a process with it.
            return key.cast(new Launcher.LocalLauncher(new GenerationListener(this)));
        }
        return null;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    /** Writes the execution's state, as Pipeline does: a state that cannot be written fails here. */
    @Override
    public ListenableFuture<Void> saveState() {
        Program p = program();
        p.saves.incrementAndGet();
        StepExecution e = p.execution;
        if (e != null && alive()) {
            serialize(e);
        }
        return Futures.immediateFuture(null);
    }

    /** The execution whose state {@link #saveState} writes and {@link #restartController} brings back. */
    public void attach(StepExecution execution) {
        program().execution = execution;
    }

    /**
     * A controller restart while the step runs: the state is written and the old controller stops (nothing it does
     * from now on counts); the execution is read back in the new controller and resumed. {@code whileDown} runs in
     * between, with no controller at all.
     *
     * @return the resumed execution
     */
    public StepExecution restartController(Work whileDown) throws Exception {
        Program p = program();
        StepExecution old = p.execution;
        byte[] state;
        // The execution's lock first, as its own printing takes it before the log's.
        synchronized (old) {
            synchronized (p) {
                state = serialize(old);
                p.generation.incrementAndGet();
            }
        }
        Timer.shutdown();
        whileDown.run();
        StepExecution resumed = (StepExecution) deserialize(state);
        p.execution = resumed;
        resumed.onResume();
        return resumed;
    }

    /** Something done while the controller is down. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    @Override
    public void onSuccess(Object result) {
        if (alive()) {
            program().outcome.complete(result);
        } else {
            program().zombies.add("onSuccess(" + result + ") from a controller that was restarted");
        }
    }

    @Override
    public void onFailure(Throwable t) {
        if (alive()) {
            program().outcome.completeExceptionally(t);
        } else {
            program().zombies.add("onFailure(" + t + ") from a controller that was restarted");
        }
    }

    /** The step's return value; throws what the step failed with. */
    public Object await(Duration timeout) throws Throwable {
        try {
            return program().outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the step did not finish within " + timeout, e);
        }
    }

    /** What controllers that were restarted still tried to do (nothing, if the step behaves). */
    public List<String> zombies() {
        return new ArrayList<>(program().zombies);
    }

    /** How often the step asked for its state to be saved. */
    public int saves() {
        return program().saves.get();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestStepContext c && c.programId.equals(programId);
    }

    @Override
    public int hashCode() {
        return programId.hashCode();
    }

    private Object readResolve() throws ObjectStreamException {
        generation = program().generation.get();
        return this;
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new AssertionError("the step's state cannot be saved: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** Finds the workspace anew each time, as Pipeline does. */
    @FunctionalInterface
    interface WorkspaceLookup {
        FilePath get() throws IOException;
    }

    /** One build's program: outlives the controller generations that run it. */
    private static final class Program {
        final WorkspaceLookup workspace;
        final Run<?, ?> run;
        final TaskListener listener;
        final EnvVars env;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        final AtomicInteger generation = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();
        final List<String> zombies = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile StepExecution execution;

        Program(WorkspaceLookup workspace, Run<?, ?> run, TaskListener listener, EnvVars env) {
            this.workspace = workspace;
            this.run = run;
            this.listener = listener;
            this.env = env;
        }
    }

    /** The build log as one controller generation writes it: once that controller is gone, its writes are lost. */
    private static final class GenerationListener implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final transient TestStepContext context;
        private final transient PrintStream out;

        GenerationListener(TestStepContext context) {
            this.context = context;
            PrintStream log = context.program().listener.getLogger();
            this.out = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (context.program()) {
                        if (context.alive()) {
                            log.write(b, off, len);
                        } else {
                            context.program().zombies.add("log: " + new String(b, off, len, StandardCharsets.UTF_8).trim());
                        }
                    }
                }

                @Override
                public void flush() {
                    log.flush();
                }
            }, true, StandardCharsets.UTF_8);
        }

        @Override
        public PrintStream getLogger() {
            return out;
        }
    }
}
