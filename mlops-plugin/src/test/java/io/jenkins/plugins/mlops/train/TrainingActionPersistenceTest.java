package io.jenkins.plugins.mlops.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.testing.context.TestRun;
import io.jenkins.plugins.mlops.testing.jenkins.JenkinsXStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jenkins saves a build's actions into build.xml with XStream and reads them back when the build is loaded; a
 * training record must come back whole, with its values' types intact.
 */
class TrainingActionPersistenceTest {

    /** With Jenkins' class filter: a value Jenkins would refuse to save fails here too. */
    private static final XStream XSTREAM = JenkinsXStream.create();

    @Test
    void aSuccessfulTrainingSurvivesSavingAndLoading() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lr", new BigDecimal("0.01"));
        params.put("depth", 6);
        params.put("optimizer", "adam <fast> & \"safe\"");
        params.put("early", true);
        params.put("epochs", 2);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", 0.91);
        metrics.put("eval.mae", 0.7);
        metrics.put("nan", Double.NaN);
        TrainingSpec spec = spec("nightly");
        TrainingResult result = new TrainingResult("run-1a2b", "sha256:abc", 0, "/ws/.mlops/runs/7-abcdef01",
                "/ws/.mlops/runs/7-abcdef01/model", metrics, params, "sha256:data", Duration.ofMillis(83_500));
        TrainingAction saved = TrainingAction.succeeded("7-abcdef01", spec, result, ".mlops/runs/7-abcdef01/model");
        TestRun run = new TestRun(7);
        run.addAction(saved);
        assertThat(saved.getRun()).isSameAs(run);

        String xml = XSTREAM.toXML(new ArrayList<>(List.of(saved)));
        TrainingAction loaded = (TrainingAction) ((List<?>) XSTREAM.fromXML(xml)).get(0);

        assertThat(xml).as("the build itself is not saved inside its action").doesNotContain("<run>");
        assertThat(loaded.getRun()).isNull();
        TestRun reloaded = new TestRun(7);
        loaded.onLoad(reloaded);
        assertThat(loaded.getRun()).isSameAs(reloaded);

        assertThat(loaded.getCallId()).isEqualTo("7-abcdef01");
        assertThat(loaded.getUrlName()).isEqualTo("mlops-train-7-abcdef01");
        assertThat(loaded.getName()).isEqualTo("nightly");
        assertThat(loaded.getDisplayName()).isEqualTo("Training nightly");
        assertThat(loaded.getImage()).isEqualTo("trainer:1");
        assertThat(loaded.getImageId()).isEqualTo("sha256:abc");
        assertThat(loaded.getRunId()).isEqualTo("run-1a2b");
        assertThat(loaded.getModel()).isEqualTo(".mlops/runs/7-abcdef01/model");
        assertThat(loaded.getDataDigest()).isEqualTo("sha256:data");
        assertThat(loaded.getExitCode()).isEqualTo(0);
        assertThat(loaded.getDurationMillis()).isEqualTo(83_500L);
        assertThat(loaded.getDurationText()).isEqualTo("1m 23s");
        assertThat(loaded.isSucceeded()).isTrue();
        assertThat(loaded.getFailure()).isNull();
        assertThat(loaded.getParams()).containsExactlyEntriesOf(params);
        assertThat(loaded.getParams().get("lr")).isInstanceOf(BigDecimal.class);
        assertThat(loaded.getParams().get("depth")).isInstanceOf(Integer.class);
        assertThat(loaded.getParams().get("early")).isEqualTo(Boolean.TRUE);
        assertThat(loaded.getMetrics()).containsExactlyEntriesOf(metrics);
    }

    @Test
    void aFailedTrainingSurvivesSavingAndLoading() {
        TrainingSpec spec = spec(null);
        TrainOnAgent.Outcome outcome = TrainOnAgent.Outcome.failure("NON_ZERO_EXIT", "exited with code 3", 3);
        TrainingAction saved = TrainingAction.failed("7-0badf00d", spec, outcome);

        TrainingAction loaded = (TrainingAction) XSTREAM.fromXML(XSTREAM.toXML(saved));

        assertThat(loaded.isSucceeded()).isFalse();
        assertThat(loaded.getFailure()).isEqualTo("NON_ZERO_EXIT");
        assertThat(loaded.getFailureMessage()).isEqualTo("exited with code 3");
        assertThat(loaded.getExitCode()).isEqualTo(3);
        assertThat(loaded.getDisplayName()).isEqualTo("Training trainer:1");
        assertThat(loaded.getParams()).containsExactly(Map.entry("lr", 0.5), Map.entry("epochs", 2));
        assertThat(loaded.getMetrics()).isEmpty();
        assertThat(loaded.getModel()).isNull();
        assertThat(loaded.getDurationMillis()).isNull();
        assertThat(loaded.getDurationText()).isEmpty();
    }

    @Test
    void severalTrainingsOfOneBuildKeepApart() {
        TestRun run = new TestRun(3);
        TrainingAction first = TrainingAction.failed("3-aaaaaaaa", spec(null),
                TrainOnAgent.Outcome.failure("TIMEOUT", "ran longer than 1m", null));
        TrainingAction second = TrainingAction.failed("3-bbbbbbbb", spec(null),
                TrainOnAgent.Outcome.failure("OUT_OF_MEMORY", "killed", 137));
        run.addAction(first);
        run.addAction(second);

        assertThat(run.getActions(TrainingAction.class)).containsExactly(first, second);
        assertThat(first.getUrlName()).isNotEqualTo(second.getUrlName());
    }

    private static TrainingSpec spec(String name) {
        return TrainingSpec.builder().image("trainer:1").epochs(2).param("lr", 0.5).name(name)
                .workDir("/ws").outputDir("/ws/.mlops/runs/x").build();
    }
}
