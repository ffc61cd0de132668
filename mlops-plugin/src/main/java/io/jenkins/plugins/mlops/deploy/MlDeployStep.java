package io.jenkins.plugins.mlops.deploy;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentArguments;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadTestSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeTest;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code mlDeploy} Pipeline step: serves a registered model version behind a stable endpoint on the agent's
 * Docker host (docs/serving-contract.md), gated, checked and switched without a dropped request; {@code version:
 * 'previous'} rolls back. Arguments are named; {@code name} and {@code version} are required:
 * {@code mlDeploy name: 'movie_predictor', version: 'candidate', image: 'movie-predictor:serve'}.
 *
 * <p>{@code command} is one string run by {@code /bin/sh -c}, as mlTrain's; {@code smokeTests} and
 * {@code loadTest} are the maps docs/steps.md describes.
 */
public class MlDeployStep extends Step {

    private String name;
    private String version;
    private String image;
    private String dockerfile;
    private String buildContext;
    private String command;
    private String service;
    private Integer port;
    private String bind;
    private String healthPath;
    private String healthTimeout;
    private List<Object> smokeTests;
    private Map<String, Object> loadTest;
    private String alias;
    private Map<String, Object> env;
    private Double cpus;
    private String memory;
    private String gpus;
    private String registry;
    private boolean force;
    private String keepPrevious;
    private Integer replicas;

    @DataBoundConstructor
    public MlDeployStep() {
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepArguments.trimToNull(name);
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = StepArguments.trimToNull(version);
    }

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

    public String getCommand() {
        return command;
    }

    @DataBoundSetter
    public void setCommand(String command) {
        this.command = StepArguments.trimToNull(command);
    }

    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(String service) {
        this.service = StepArguments.trimToNull(service);
    }

    public Integer getPort() {
        return port;
    }

    /** The Snippet Generator submits an empty number field as 0, which means "not given". */
    @DataBoundSetter
    public void setPort(Integer port) {
        this.port = port == null || port == 0 ? null : port;
    }

    public String getBind() {
        return bind;
    }

    @DataBoundSetter
    public void setBind(String bind) {
        this.bind = StepArguments.trimToNull(bind);
    }

    public String getHealthPath() {
        return healthPath;
    }

    @DataBoundSetter
    public void setHealthPath(String healthPath) {
        this.healthPath = StepArguments.trimToNull(healthPath);
    }

    public String getHealthTimeout() {
        return healthTimeout;
    }

    @DataBoundSetter
    public void setHealthTimeout(String healthTimeout) {
        this.healthTimeout = StepArguments.trimToNull(healthTimeout);
    }

    public List<Object> getSmokeTests() {
        return smokeTests == null ? null : Collections.unmodifiableList(smokeTests);
    }

    /** A list of maps; each is checked by name ({@code smokeTests[1].path}) when the step starts. */
    @DataBoundSetter
    public void setSmokeTests(List<Object> smokeTests) {
        this.smokeTests = smokeTests == null ? null : new ArrayList<>(smokeTests);
    }

    public Map<String, Object> getLoadTest() {
        return loadTest == null ? null : Collections.unmodifiableMap(loadTest);
    }

    @DataBoundSetter
    public void setLoadTest(Map<String, Object> loadTest) {
        this.loadTest = loadTest == null || loadTest.isEmpty() ? null : new LinkedHashMap<>(loadTest);
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = StepArguments.trimToNull(alias);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> getEnv() {
        // Holds only strings unless start() is about to reject the value by name.
        return env == null ? null : (Map<String, String>) (Map<String, ?>) Collections.unmodifiableMap(env);
    }

    /** Numbers and booleans become their text, as {@code withEnv} would write them; other values fail in start. */
    @DataBoundSetter
    public void setEnv(Map<String, String> env) {
        this.env = StepArguments.envValues(env);
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

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = StepArguments.trimToNull(registry);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public String getKeepPrevious() {
        return keepPrevious;
    }

    @DataBoundSetter
    public void setKeepPrevious(String keepPrevious) {
        this.keepPrevious = StepArguments.trimToNull(keepPrevious);
    }

    public Integer getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(Integer replicas) {
        this.replicas = replicas == null || replicas == 0 ? null : replicas;
    }

    /** Checks every argument before anything runs, then hands over to {@link MlDeployExecution}. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        StepEnvironment step = StepEnvironment.of(context);
        String callId = step.run().getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String actor = step.run().getParent().getFullName() + " #" + step.run().getNumber();
        DeploymentSpec spec;
        RegistryLocation location;
        try {
            spec = toSpec(step.workspace().getRemote(), actor);
            location = registry == null ? null : RegistryLocation.parse("registry", registry);
        } catch (MlopsArgumentException e) {
            throw new AbortException("mlDeploy: " + e.getMessage());
        }
        return new MlDeployExecution(context, spec, location, callId);
    }

    /**
     * The engine's view of these arguments; a relative Dockerfile resolves against {@code workDir} (the workspace).
     *
     * @throws MlopsArgumentException naming the first wrong argument
     */
    DeploymentSpec toSpec(String workDir, String actor) {
        return DeploymentSpec.builder()
                .name(name)
                .version(version)
                .image(image)
                .dockerfile(dockerfile)
                .buildContext(buildContext)
                .command(command == null ? null : List.of("/bin/sh", "-c", command))
                .service(service)
                .port(port)
                .bind(bind)
                .healthPath(healthPath)
                .healthTimeout(healthTimeout == null ? null : ArgumentParsers.duration("healthTimeout", healthTimeout))
                .smokeTests(SmokeTest.parseAll("smokeTests", smokeTests))
                .loadTest(loadTest == null ? null : LoadTestSpec.parse("loadTest", loadTest))
                .alias(alias)
                .env(StepArguments.checkedEnv(env))
                .cpus(cpus)
                .memoryBytes(memory == null ? null : ArgumentParsers.byteSize("memory", memory))
                .gpus(gpus)
                .force(force)
                .keepPrevious(keepPrevious == null ? null : DeploymentArguments.keepPrevious(keepPrevious))
                .replicas(replicas)
                .actor(actor)
                .workDir(workDir)
                .build();
    }

    /** Registers {@code mlDeploy} with Pipeline. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "mlDeploy";
        }

        @Override
        public String getDisplayName() {
            return "Deploy a registered model version behind a stable endpoint";
        }

        /** A workspace (so: inside {@code node}) whose machine has the Docker host; the build, its log and environment. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }
    }
}
