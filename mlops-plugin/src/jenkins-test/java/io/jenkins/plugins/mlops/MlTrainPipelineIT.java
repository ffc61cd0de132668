package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Image;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.train.TrainingAction;
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
 * {@code mlTrain} in a real Jenkins, from a Pipeline script, on the real Docker Engine. Runs only in the
 * {@code jenkins} profile (it needs Jenkins core, Pipeline and the test harness from the Jenkins repository).
 */
@WithJenkins
class MlTrainPipelineIT {

    /** Unique per test run; built before the tests from the same files the stub-based tests use. */
    private static final String IMAGE = "mlops-jenkins-test-trainer:" + UUID.randomUUID().toString().substring(0, 8);
    private static final String LABEL = "io.jenkins.plugins.mlops.test-image";

    private static DockerClient docker;

    @BeforeAll
    static void buildTrainingImage(@TempDir Path context) throws Exception {
        for (String f : List.of("Dockerfile", "train.py")) {
            try (InputStream in = MlTrainPipelineIT.class.getResourceAsStream("/trainer/" + f)) {
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

    @Test
    void trainsFromAPipelineAndRecordsTheTrainingOnTheBuild(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "train");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                + "  def result = mlTrain image: '" + IMAGE + "', epochs: 2\n"
                + "  echo \"loss=${result.metrics.loss} model=${result.model}\"\n"
                + "}\n", true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("epoch 1/2", b);
        r.assertLogContains("epoch 2/2", b);
        r.assertLogContains("training on 0 rows", b);
        r.assertLogContains("loss=0.5 model=.mlops/runs/1-", b);
        TrainingAction action = b.getAction(TrainingAction.class);
        assertThat(action).isNotNull();
        assertThat(action.isSucceeded()).isTrue();
        assertThat(action.getImage()).isEqualTo(IMAGE);
        assertThat(action.getParams()).containsExactly(Map.entry("epochs", 2));
        assertThat(action.getMetrics()).containsEntry("loss", 0.5).containsEntry("eval.acc", 0.75);
        assertThat(action.getExitCode()).isZero();

        // build.xml round trip, as after a controller restart.
        r.jenkins.reload();
        WorkflowRun reloaded = r.jenkins.getItemByFullName("train", WorkflowJob.class).getBuildByNumber(1);
        TrainingAction loaded = reloaded.getAction(TrainingAction.class);
        assertThat(loaded.getRun()).isSameAs(reloaded);
        assertThat(loaded.getMetrics()).isEqualTo(action.getMetrics());
        assertThat(loaded.getRunId()).isEqualTo(action.getRunId());
        r.createWebClient().goTo(reloaded.getUrl() + loaded.getUrlName() + "/");
    }

    @Test
    void aFailingTrainingFailsTheBuildWithTheReason(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "fail");
        p.setDefinition(new CpsFlowDefinition(
                "node { mlTrain image: '" + IMAGE + "', command: 'echo about to fail >&2; exit 3' }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("about to fail", b);
        r.assertLogContains("mlTrain failed (NON_ZERO_EXIT)", b);
        assertThat(b.getAction(TrainingAction.class).getExitCode()).isEqualTo(3);
    }

    @Test
    void dockerHostSetWithWithEnvIsTheEngineUsed(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "env");
        p.setDefinition(new CpsFlowDefinition(
                "node { withEnv(['DOCKER_HOST=tcp://127.0.0.1:1']) { mlTrain image: '" + IMAGE + "' } }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("mlTrain failed (DAEMON_UNREACHABLE)", b);
        r.assertLogContains("127.0.0.1:1", b);
    }

    @Test
    void aWrongArgumentFailsAtOnceNamingIt(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "bad");
        p.setDefinition(new CpsFlowDefinition("node { mlTrain image: '" + IMAGE + "', memory: 'lots' }", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("Invalid argument 'memory'", b);
        assertThat(b.getAction(TrainingAction.class)).isNull();
    }
}
