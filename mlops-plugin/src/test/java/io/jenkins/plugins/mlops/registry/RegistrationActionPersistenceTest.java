package io.jenkins.plugins.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.mlops.core.registry.GateRecord;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.ModelFile;
import io.jenkins.plugins.mlops.core.registry.ModelVersion;
import io.jenkins.plugins.mlops.registry.RegistrationAction;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jenkins saves a build's actions into build.xml with XStream and reads them back when the build is loaded; a
 * registration must come back whole.
 */
class RegistrationActionPersistenceTest {

    /** With Jenkins' class filter: a value Jenkins would refuse to save fails here too. */
    private static final XStream XSTREAM = JenkinsXStream.create();

    @Test
    void aRegistrationSurvivesSavingAndLoading() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.91);
        metrics.put("eval.mae", 0.7);
        Lineage lineage = Lineage.builder().job("team/movies").buildNumber(17).buildUrl("http://ci/job/movies/17/")
                .gitCommit("feedface").gitUrl("https://git.example/movies.git").trainingImageId("sha256:img")
                .dataDigest("sha256:data").actor("team/movies #17").build();
        ModelVersion v = new ModelVersion("movie_predictor", 3, "sha256:record", Instant.parse("2026-01-02T03:04:05Z"),
                List.of(new ModelFile("weights.bin", "sha256:w", 1000), new ModelFile("sub/config.json", "sha256:c", 24)),
                metrics, Map.of("lr", 0.01), GateRecord.of(false, "{\"summary\":\"Gate FAILED\"}"), lineage);
        RegistrationAction saved = new RegistrationAction(v, List.of("candidate", "nightly"), true,
                "oci://127.0.0.1:5000/models");

        RegistrationAction loaded = (RegistrationAction) XSTREAM.fromXML(XSTREAM.toXML(saved));

        assertThat(loaded.getName()).isEqualTo("movie_predictor");
        assertThat(loaded.getVersion()).isEqualTo(3);
        assertThat(loaded.getDigest()).isEqualTo("sha256:record");
        assertThat(loaded.getAliases()).containsExactly("candidate", "nightly");
        assertThat(loaded.isForced()).isTrue();
        assertThat(loaded.getGate()).isEqualTo("failed");
        assertThat(loaded.getRegistry()).isEqualTo("oci://127.0.0.1:5000/models");
        assertThat(loaded.getFileCount()).isEqualTo(2);
        assertThat(loaded.getSize()).isEqualTo(1024);
        assertThat(loaded.getMetrics()).containsExactlyEntriesOf(metrics);
        assertThat(loaded.getJob()).isEqualTo("team/movies");
        assertThat(loaded.getBuildNumber()).isEqualTo(17);
        assertThat(loaded.getBuildUrl()).isEqualTo("http://ci/job/movies/17/");
        assertThat(loaded.getGitCommit()).isEqualTo("feedface");
        assertThat(loaded.getGitUrl()).isEqualTo("https://git.example/movies.git");
        assertThat(loaded.getTrainingImageId()).isEqualTo("sha256:img");
        assertThat(loaded.getDataDigest()).isEqualTo("sha256:data");
        assertThat(loaded.getActor()).isEqualTo("team/movies #17");
        assertThat(loaded.getDisplayName()).isEqualTo("Registered movie_predictor v3");
        assertThat(loaded.getUrlName()).isEqualTo("mlops-register-movie_predictor-v3");
        assertThat(loaded.getRegistryPagePath()).isEqualTo("mlops-registry/model/movie_predictor/version/3/");
    }
}
