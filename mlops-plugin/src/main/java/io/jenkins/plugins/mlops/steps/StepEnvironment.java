package io.jenkins.plugins.mlops.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What every ml* step execution takes from its Pipeline context before it does anything: the build, the workspace
 * (inside {@code node}), the build log and the build's environment. Each step's descriptor requires these and the
 * node's {@link Launcher} ({@link #REQUIRED}), so Pipeline refuses a call outside {@code node} before the step
 * starts. The launcher starts no process: Jenkins' artifact API takes it when a step archives its report
 * ({@link StepReports}); it is looked up only then, so a poll of a running container never needs it.
 *
 * @param run       the build the step runs in
 * @param workspace where the step's files are (on the agent that runs the {@code node} block)
 * @param listener  the build log
 * @param env       the build's environment ({@code withEnv} included)
 */
public record StepEnvironment(Run<?, ?> run, FilePath workspace, TaskListener listener, EnvVars env) {

    /** The context classes every ml* step requires: {@code getRequiredContext()} returns these. */
    public static final java.util.Set<Class<?>> REQUIRED =
            java.util.Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);

    /** The shared prelude of every execution. */
    public static StepEnvironment of(StepContext context) throws IOException, InterruptedException {
        return new StepEnvironment(context.get(Run.class), context.get(FilePath.class),
                context.get(TaskListener.class), context.get(EnvVars.class));
    }

    public PrintStream log() {
        return listener.getLogger();
    }
}
