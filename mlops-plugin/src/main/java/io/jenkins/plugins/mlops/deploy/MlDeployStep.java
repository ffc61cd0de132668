package io.jenkins.plugins.mlops.deploy;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Descriptor.FormException;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.core.ArgumentParsers;
import io.jenkins.plugins.mlops.core.KeyValues;
import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.deploy.DeploymentArguments;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadTestSpec;
import io.jenkins.plugins.mlops.core.deploy.SmokeTest;
import io.jenkins.plugins.mlops.core.registry.ModelNames;
import io.jenkins.plugins.mlops.core.registry.RegistryLocation;
import io.jenkins.plugins.mlops.steps.CallIds;
import io.jenkins.plugins.mlops.steps.ContainerStep;
import io.jenkins.plugins.mlops.steps.FormArguments;
import io.jenkins.plugins.mlops.steps.FormChecks;
import io.jenkins.plugins.mlops.steps.NameValueArgument;
import io.jenkins.plugins.mlops.steps.PipelineArguments;
import io.jenkins.plugins.mlops.steps.StepArguments;
import io.jenkins.plugins.mlops.steps.StepEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The {@code mlDeploy} Pipeline step: serves a registered model version behind a stable endpoint on the agent's
 * Docker host (docs/serving-contract.md), gated, checked and switched without a dropped request; {@code version:
 * 'previous'} rolls back. Arguments are named; {@code name} and {@code version} are required:
 * {@code mlDeploy name: 'movie_predictor', version: 'candidate', image: 'movie-predictor:serve'}.
 *
 * <p>As mlTrain's, {@code command} takes a string (run by {@code /bin/sh -c}) or a list (run as it is), and map
 * arguments are declared as text so that the Snippet Generator and the step reference can describe them: {@code env}
 * and {@code loadTest} as {@code name=value} lines, {@code smokeTests} as one JSON object per line; a Jenkinsfile
 * gives maps and a list of maps instead, which the descriptor takes out ({@link PipelineArguments}).
 */
public class MlDeployStep extends ContainerStep {

    private String name;
    private String version;
    private String service;
    private Integer port;
    private String bind;
    private String healthPath;
    private String healthTimeout;
    /** One JSON object per line, as the form and the text argument give them. */
    private String smokeTestsText;
    /** A Jenkinsfile's list of maps, as it was given. */
    private List<Object> smokeTests;
    private final NameValueArgument loadTest = new NameValueArgument();
    private String alias;
    /** Argument names this step does not have; {@link #start} warns about them as Pipeline does. */
    private List<String> unknownArguments = List.of();
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

    /** One JSON object per line; a Jenkinsfile's list of maps reads back in this form. */
    public String getSmokeTests() {
        return smokeTests != null ? SmokeTest.toLines(smokeTests) : smokeTestsText;
    }

    /** One JSON object per line; a Jenkinsfile gives a list of maps instead, each checked when the step starts. */
    @DataBoundSetter
    public void setSmokeTests(String smokeTests) {
        this.smokeTestsText = StepArguments.trimToNull(smokeTests);
        this.smokeTests = null;
    }

    /** {@code name=value} lines; a Jenkinsfile's map reads back in this form. */
    public String getLoadTest() {
        return loadTest.text();
    }

    /** {@code name=value} lines ({@code rps=50}, {@code duration=10s}); a Jenkinsfile gives a map instead. */
    @DataBoundSetter
    public void setLoadTest(String loadTest) {
        this.loadTest.setText(loadTest);
    }

    public String getAlias() {
        return alias;
    }

    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = StepArguments.trimToNull(alias);
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

    /** What {@link DescriptorImpl#newInstance(Map)} took out of a Jenkinsfile's arguments. */
    void fromPipeline(Map<String, Object> env, Map<String, Object> loadTest, List<Object> smokeTests,
            List<Object> commandWords, List<String> unknown) {
        env().setMap(env);
        this.loadTest.setMap(loadTest);
        if (smokeTests != null) {
            this.smokeTests = smokeTests;
            this.smokeTestsText = null;
        }
        command().setWords(commandWords);
        this.unknownArguments = List.copyOf(unknown);
    }

    /** Checks every argument before anything runs, then hands over to {@link MlDeployExecution}. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        StepEnvironment step = StepEnvironment.of(context);
        PipelineArguments.warnUnknown(step.listener(), getClass(), unknownArguments);
        String callId = CallIds.next(step.run());
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
                .image(getImage())
                .dockerfile(getDockerfile())
                .buildContext(getBuildContext())
                .command(command().commandLine("command"))
                .service(service)
                .port(port)
                .bind(bind)
                .healthPath(healthPath)
                .healthTimeout(healthTimeout == null ? null : ArgumentParsers.duration("healthTimeout", healthTimeout))
                .smokeTests(smokeTests != null ? SmokeTest.parseAll("smokeTests", smokeTests)
                        : smokeTestsText == null ? null : SmokeTest.parseLines("smokeTests", KeyValues.lines(smokeTestsText)))
                .loadTest(loadTests())
                .alias(alias)
                .env(env().strings("env"))
                .cpus(getCpus())
                .memoryBytes(getMemory() == null ? null : ArgumentParsers.byteSize("memory", getMemory()))
                .gpus(getGpus())
                .pidsLimit(getPidsLimit())
                .force(force)
                .keepPrevious(keepPrevious == null ? null : DeploymentArguments.keepPrevious(keepPrevious))
                .replicas(replicas)
                .actor(actor)
                .workDir(workDir)
                .build();
    }

    private LoadTestSpec loadTests() {
        Map<String, Object> given = loadTest.typed("loadTest");
        return given == null ? null : LoadTestSpec.parse("loadTest", given);
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

        /**
         * A workspace (so: inside {@code node}) whose machine has the Docker host; the build, its log and
         * environment; the node's launcher (required as by every ml* step; mlDeploy archives nothing with it).
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.REQUIRED;
        }

        /** A Jenkinsfile's arguments: maps, a list of maps, a command list, whole numbers, unknown names. */
        @Override
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            PipelineArguments a = PipelineArguments.of(getFunctionName(), clazz, arguments)
                    .wholeNumber("port", 1, 65535)
                    .wholeNumber("replicas", 1, DeploymentSpec.MAX_REPLICAS)
                    .wholeNumber("pidsLimit", Long.MIN_VALUE, Long.MAX_VALUE);
            Map<String, Object> env = a.map("env");
            Map<String, Object> loadTest = a.map("loadTest");
            List<Object> smokeTests = a.list("smokeTests");
            List<Object> commandWords = a.list("command");
            MlDeployStep step = (MlDeployStep) super.newInstance(a.remaining());
            step.fromPipeline(env, loadTest, smokeTests, commandWords, a.unknown());
            return step;
        }

        /** The Snippet Generator's form: empty boxes are not given, numbers checked. */
        @Override
        public Step newInstance(StaplerRequest2 req, JSONObject formData) throws FormException {
            return super.newInstance(req, FormArguments.of(formData).wholeNumber("port", 1, 65535)
                    .wholeNumber("replicas", 1, DeploymentSpec.MAX_REPLICAS).number("cpus")
                    .wholeNumber("pidsLimit", 2, Long.MAX_VALUE).form());
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.modelName("name", value);
        }

        /** A reference the Docker Engine takes, or empty when a dockerfile builds the image. */
        public FormValidation doCheckImage(@QueryParameter String value) {
            return FormChecks.imageReference("image", value);
        }

        /** Service names become container names: the same rule the step applies. */
        public FormValidation doCheckService(@QueryParameter String value) {
            return FormChecks.parses(value, DeploymentArguments::requireService);
        }

        public FormValidation doCheckAlias(@QueryParameter String value) {
            return FormChecks.parses(value, v -> ModelNames.requireAlias("alias", v));
        }

        /** {@code 90s}, {@code 10m}. */
        public FormValidation doCheckHealthTimeout(@QueryParameter String value) {
            return FormChecks.duration("healthTimeout", value);
        }

        public FormValidation doCheckKeepPrevious(@QueryParameter String value) {
            return FormChecks.duration("keepPrevious", value);
        }

        public FormValidation doCheckMemory(@QueryParameter String value) {
            return FormChecks.parses(value, v -> ArgumentParsers.byteSize("memory", v));
        }
    }
}
