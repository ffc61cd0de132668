package io.jenkins.plugins.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.mlops.core.deploy.DeploymentResult;
import io.jenkins.plugins.mlops.core.deploy.DeploymentSpec;
import io.jenkins.plugins.mlops.core.deploy.LoadSummary;
import io.jenkins.plugins.mlops.core.deploy.SmokeResult;
import io.jenkins.plugins.mlops.core.deploy.load.RequestOutcome;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jenkins saves a build's actions into build.xml with XStream (through its class filter) and reads them back when
 * the build is loaded: a deployment, succeeded or failed, comes back whole, and the golden record written by this
 * version (deployment-0.1.xml) keeps loading, so a renamed class or field fails here before old builds stop loading.
 * Run with {@code -Dmlops.fixtures.write=<dir>} to write the current form.
 */
class DeploymentActionPersistenceTest {

    private static final XStream XSTREAM = JenkinsXStream.create();
    private static final String FIXTURE = "/io/jenkins/plugins/mlops/build-xml/deployment-0.1.xml";

    static List<DeploymentAction> actions() {
        DeploymentSpec spec = DeploymentSpec.builder().name("movie_predictor").version("candidate")
                .image("movie-predictor:serve").service("movie-predictor").alias("production").actor("team/movies #7")
                .build();
        LoadSummary load = LoadSummary.of(List.of(new RequestOutcome(0, 3_000_000, 200, null),
                new RequestOutcome(20_000_000, 9_000_000, 200, null)), 0.04);
        DeploymentResult ok = new DeploymentResult("movie-predictor", "movie_predictor", 3, 2, "http://127.0.0.1:8080",
                "20260102-030405-abcdef01", false, false, true, "movie-predictor:serve", "production",
                List.of("mlops-movie-predictor-v3-20260102-030405-abcdef01-0"), List.of(812.5),
                List.of(new SmokeResult("POST /predict", 0, 200, 12.25, null)), load, 410.0, 2380.0,
                Instant.parse("2026-01-02T03:34:05Z"));
        DeploymentResult attempt = new DeploymentResult("movie-predictor", "movie_predictor", 4, 3,
                "http://127.0.0.1:8080", "20260102-040000-0badf00d", false, false, false, "movie-predictor:serve",
                "production", List.of("mlops-movie-predictor-v4-20260102-040000-0badf00d-0"), List.of(640.0),
                List.of(new SmokeResult("POST /predict", 0, 500, 8.5, "status 500 instead of 200")), null, 0, 1900.0,
                null);
        return List.of(DeploymentAction.succeeded("7-abcdef01", spec, "/var/jenkins/mlops-registry", ok),
                DeploymentAction.failed("8-0badf00d", spec, "/var/jenkins/mlops-registry", "VERIFICATION_FAILED",
                        "movie_predictor v4 was not deployed to movie-predictor: ... <script>", attempt));
    }

    @Test
    void aDeploymentAndAFailedOneSurviveSavingAndLoading() {
        List<?> loaded = (List<?>) XSTREAM.fromXML(XSTREAM.toXML(new ArrayList<>(actions())));
        assertDeployments(loaded);
    }

    @Test
    void buildsWrittenByThisVersionKeepLoading() throws IOException {
        String written = XSTREAM.toXML(new ArrayList<>(actions()));
        String dir = System.getProperty("mlops.fixtures.write");
        if (dir != null) {
            Files.writeString(Path.of(dir).resolve("deployment-0.1.xml"), written);
        }
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            assertDeployments((List<?>) XSTREAM.fromXML(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static void assertDeployments(List<?> loaded) {
        DeploymentAction ok = (DeploymentAction) loaded.get(0);
        assertThat(ok.isSucceeded()).isTrue();
        assertThat(ok.getDisplayName()).isEqualTo("Deployed movie_predictor v3 to movie-predictor");
        assertThat(ok.getUrlName()).isEqualTo("mlops-deploy-7-abcdef01");
        assertThat(ok.getVersion()).isEqualTo(3);
        assertThat(ok.getPreviousVersion()).isEqualTo(2);
        assertThat(ok.getEndpoint()).isEqualTo("http://127.0.0.1:8080");
        assertThat(ok.isForced()).isTrue();
        assertThat(ok.getAlias()).isEqualTo("production");
        assertThat(ok.getRegistry()).isEqualTo("/var/jenkins/mlops-registry");
        assertThat(ok.getReplicas()).containsExactly("mlops-movie-predictor-v3-20260102-030405-abcdef01-0");
        assertThat(ok.getHealthText()).isEqualTo("813 ms");
        assertThat(ok.getSmoke()).singleElement().satisfies(s -> {
            assertThat(s.getTest()).isEqualTo("POST /predict");
            assertThat(s.getStatus()).isEqualTo(200);
            assertThat(s.getLatencyText()).isEqualTo("12.3 ms");
        });
        assertThat(ok.getLoadText()).isEqualTo("2 requests at 50.0/s, 0 failed, p50 3.0 ms, p99 9.0 ms");
        assertThat(ok.getTimingText()).isEqualTo("2380 ms to serving (switch 410 ms)");
        assertThat(ok.getKeptUntil()).isEqualTo("2026-01-02T03:34:05Z");

        DeploymentAction failed = (DeploymentAction) loaded.get(1);
        assertThat(failed.isSucceeded()).isFalse();
        assertThat(failed.getDisplayName()).isEqualTo("Deployment of movie_predictor v4 failed");
        assertThat(failed.getFailure()).isEqualTo("VERIFICATION_FAILED");
        assertThat(failed.getReason()).endsWith("<script>");
        assertThat(failed.getSmoke()).singleElement().satisfies(s ->
                assertThat(s.getFailure()).isEqualTo("status 500 instead of 200"));
        assertThat(failed.getTimingText()).isNull();
        assertThat(failed.isLoadTested()).isFalse();
    }
}
