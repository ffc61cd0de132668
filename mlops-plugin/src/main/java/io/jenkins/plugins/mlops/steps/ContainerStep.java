package io.jenkins.plugins.mlops.steps;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The arguments of a step that runs a container it may build first: mlTrain's training, mlDeploy's replicas. The
 * image to run or the Dockerfile to build it from, the command, the environment and the limits, bound by the same
 * names and rules in both steps; each step's own help files say what they mean there. Pipeline and Stapler bind
 * inherited {@code @DataBoundSetter}s as declared ones.
 */
public abstract class ContainerStep extends Step {

    private String image;
    private String dockerfile;
    private String buildContext;
    /** Text (the shell form) or a Jenkinsfile's list (the exec form). */
    private final CommandArgument command = new CommandArgument();
    /** {@code NAME=value} lines or a Jenkinsfile's map; values are checked when the step starts. */
    private final NameValueArgument env = new NameValueArgument();
    private Double cpus;
    private String memory;
    private String gpus;
    private Long pidsLimit;

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = StepArguments.trimToNull(image);
    }

    public String getDockerfile() {
        return dockerfile;
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = StepArguments.trimToNull(dockerfile);
    }

    public String getBuildContext() {
        return buildContext;
    }

    @DataBoundSetter
    public void setBuildContext(String buildContext) {
        this.buildContext = StepArguments.trimToNull(buildContext);
    }

    /** The shell form; a list given in a Jenkinsfile reads back as the shell words that mean the same. */
    public String getCommand() {
        return command.text();
    }

    /** Text, run by {@code /bin/sh -c}; a Jenkinsfile may give a list instead (the exec form, no shell). */
    @DataBoundSetter
    public void setCommand(String command) {
        this.command.setText(command);
    }

    /** {@code NAME=value} lines; a map given in a Jenkinsfile reads back in this form. */
    public String getEnv() {
        return env.text();
    }

    /** {@code NAME=value} lines; a Jenkinsfile may give a map instead (numbers and booleans become their text). */
    @DataBoundSetter
    public void setEnv(String env) {
        this.env.setText(env);
    }

    public Double getCpus() {
        return cpus;
    }

    @DataBoundSetter
    public void setCpus(Double cpus) {
        this.cpus = cpus;
    }

    public String getMemory() {
        return memory;
    }

    @DataBoundSetter
    public void setMemory(String memory) {
        this.memory = StepArguments.trimToNull(memory);
    }

    public String getGpus() {
        return gpus;
    }

    @DataBoundSetter
    public void setGpus(String gpus) {
        this.gpus = StepArguments.trimToNull(gpus);
    }

    public Long getPidsLimit() {
        return pidsLimit;
    }

    /** The most processes and threads the container may have at once (default 4096). */
    @DataBoundSetter
    public void setPidsLimit(Long pidsLimit) {
        this.pidsLimit = pidsLimit;
    }

    /** The command as given, in either form. */
    protected CommandArgument command() {
        return command;
    }

    /** The environment as given, text or map. */
    protected NameValueArgument env() {
        return env;
    }
}
