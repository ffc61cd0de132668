package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Image;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.core.registry.embedded.EmbeddedModelRegistry;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * mlTrain, then mlValidate, then mlRegister in a real Jenkins, from a Pipeline script, on the real Docker Engine,
 * registering into the default registry under JENKINS_HOME. Runs only in the {@code jenkins} profile.
 */
@WithJenkins
class MlValidateRegisterPipelineIT {

    private static final String IMAGE = "mlops-jenkins-test-trainer:" + UUID.randomUUID().toString().substring(0, 8);
    private static final String LABEL = "io.jenkins.plugins.mlops.test-image";

    private static DockerClient docker;

    @BeforeAll
    static void buildTrainingImage(@TempDir Path context) throws Exception {
        for (String f : List.of("Dockerfile", "train.py")) {
            try (InputStream in = MlValidateRegisterPipelineIT.class.getResourceAsStream("/trainer/" + f)) {
                Files.copy(in, context.resolve(f));
            }
        }
        docker = DockerClients.connect(System.getenv());
        docker.buildImageCmd(context.toFile()).withTags(Set.of(IMAGE)).withLabels(Map.of(LABEL, IMAGE))
                .withPull(false).exec(new BuildImageResultCallback()).awaitImageId();
    }

    @AfterAll
    static void removeTrainingImages() throws Exception {
        if (docker == null) {
            return;
        }
        for (Image image : docker.listImagesCmd().withLabelFilter(Map.of(LABEL, IMAGE)).exec()) {
            docker.removeImageCmd(image.getId()).withForce(true).exec();
        }
        docker.close();
    }

    /** Train with {@code epochs}, gate on the loss against the previous build, register with an alias. */
    private static String pipeline(int epochs, String onFailure) {
        return "node {\n"
                + "  def run = mlTrain image: '" + IMAGE + "', epochs: " + epochs + "\n"
                + "  def gate = mlValidate metrics: run.metrics,\n"
                + "      thresholds: ['loss < 0.9', 'eval.acc >= 0.7', 'loss <= baseline.loss * 1.01'],\n"
                + "      compareTo: 'previous', onFailure: '" + onFailure + "'\n"
                + "  echo \"gate: ${gate.summary}\"\n"
                + "  if (gate.passed) {\n"
                + "    def m = mlRegister name: 'movie_predictor', model: run.model, aliases: ['candidate']\n"
                + "    echo \"registered ${m.name} v${m.version} (${m.digest}) gate ${m.gate}\"\n"
                + "  }\n"
                + "}\n";
    }

    @Test
    void trainsGatesAndRegistersAndTheNextBuildComparesWithThisOne(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "movies");
        p.setDefinition(new CpsFlowDefinition(pipeline(2, "FAILURE"), true));

        WorkflowRun first = r.buildAndAssertSuccess(p);

        r.assertLogContains("[mlValidate] Gate PASSED: 2 of 3 rules passed, 1 skipped", first);
        r.assertLogContains("[mlValidate] baseline: none (no previous successful build)", first);
        r.assertLogContains("registered movie_predictor v1 (sha256:", first);
        r.assertLogContains("gate passed", first);
        ValidationAction gate = first.getAction(ValidationAction.class);
        assertThat(gate.isPassed()).isTrue();
        assertThat(gate.getMetrics()).containsEntry("loss", 0.5);
        RegistrationAction registration = first.getAction(RegistrationAction.class);
        assertThat(registration.getVersion()).isEqualTo(1);
        assertThat(registration.getJob()).isEqualTo("movies");
        assertThat(registration.getActor()).isEqualTo("movies #1");
        assertThat(registration.getTrainingImageId()).startsWith("sha256:");
        Path registryDir = r.jenkins.getRootDir().toPath().resolve("mlops-registry");
        assertThat(registration.getRegistry()).isEqualTo(registryDir.toString());
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(registryDir)) {
            ModelVersion v = registry.resolve("movie_predictor", "candidate");
            assertThat(v.getVersion()).isEqualTo(1);
            assertThat(v.getDigest()).isEqualTo(registration.getDigest());
            assertThat(v.getMetrics()).containsEntry("loss", 0.5);
            assertThat(v.getGate().getPassed()).isTrue();
            assertThat(v.getLineage().getBuildNumber()).isEqualTo(1);
        }

        // Same training: the baseline is build #1 and the gate passes again.
        WorkflowRun second = r.buildAndAssertSuccess(p);
        r.assertLogContains("[mlValidate] baseline: build #1", second);
        r.assertLogContains("registered movie_predictor v2", second);

        // build.xml round trip, as after a controller restart; the pages render.
        r.jenkins.reload();
        WorkflowRun reloaded = r.jenkins.getItemByFullName("movies", WorkflowJob.class).getBuildByNumber(2);
        ValidationAction loadedGate = reloaded.getAction(ValidationAction.class);
        assertThat(loadedGate.getRun()).isSameAs(reloaded);
        assertThat(loadedGate.getBaselineDescription()).isEqualTo("build #1");
        RegistrationAction loadedRegistration = reloaded.getAction(RegistrationAction.class);
        assertThat(loadedRegistration.getVersion()).isEqualTo(2);
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.goTo(reloaded.getUrl() + loadedGate.getUrlName() + "/");
        wc.goTo(reloaded.getUrl() + loadedRegistration.getUrlName() + "/");
        wc.goTo(reloaded.getUrl());
    }

    @Test
    void aWorseModelFailsOrMarksTheBuildUnstable(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "worse");
        p.setDefinition(new CpsFlowDefinition(pipeline(4, "FAILURE"), true));
        r.buildAndAssertSuccess(p);

        // One epoch: loss 1.0 is above 0.9 and worse than build #1's 0.25.
        p.setDefinition(new CpsFlowDefinition(pipeline(1, "FAILURE"), true));
        WorkflowRun failed = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("mlValidate: Gate FAILED: 2 of 3 rules failed, 1 passed", failed);
        r.assertLogContains("FAILED loss <= baseline.loss * 1.01: loss = 1 is not <= baseline.loss * 1.01", failed);
        assertThat(failed.getAction(ValidationAction.class).isPassed()).isFalse();
        assertThat(failed.getAction(RegistrationAction.class)).isNull();

        p.setDefinition(new CpsFlowDefinition(pipeline(1, "UNSTABLE"), true));
        WorkflowRun unstable = r.buildAndAssertStatus(Result.UNSTABLE, p);
        r.assertLogContains("[mlValidate] baseline: build #1", unstable);
        r.assertLogContains("gate: Gate FAILED: 2 of 3 rules failed, 1 passed", unstable);
    }

    @Test
    void anAliasForAFailedGateNeedsForce(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "force");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                + "  def run = mlTrain image: '" + IMAGE + "', epochs: 1\n"
                + "  mlValidate metrics: run.metrics, thresholds: ['loss < 0.5'], onFailure: 'UNSTABLE'\n"
                + "  def m = mlRegister name: 'forced_model', model: run.model, aliases: ['production'], force: true\n"
                + "  echo \"forced=${m.forced} gate=${m.gate}\"\n"
                + "  mlRegister name: 'forced_model', model: run.model, aliases: ['production']\n"
                + "}\n", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("forced=true gate=failed", b);
        r.assertLogContains("did not pass its quality gate", b);
        r.assertLogContains("force: true", b);
        assertThat(b.getActions(RegistrationAction.class)).hasSize(1);
        try (EmbeddedModelRegistry registry = new EmbeddedModelRegistry(
                r.jenkins.getRootDir().toPath().resolve("mlops-registry"))) {
            assertThat(registry.aliasHistory("forced_model", "production").get(0).isForced()).isTrue();
            assertThat(registry.latestVersion("forced_model")).contains(1);
        }
    }

    @Test
    void aRuleWithASyntaxErrorFailsBeforeAnythingRuns(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "typo");
        p.setDefinition(new CpsFlowDefinition(
                "node { mlValidate metrics: [loss: 0.5], thresholds: ['loss << 1'] }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Invalid argument 'thresholds': rule 1, column 7", b);
        assertThat(b.getAction(ValidationAction.class)).isNull();
    }
}
