package io.jenkins.plugins.mlops.core.train;

import static io.jenkins.plugins.mlops.core.train.DockerTestEngine.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jenkins.plugins.mlops.core.container.LogSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successful runs against the real engine: image build, inputs in, outputs and metrics out, nothing left behind. */
class DockerTrainerIT {

    @TempDir
    Path tempDir;

    @Test
    void buildsTheDockerfileRunsItsCmdAndCollectsModelAndMetrics() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        Path data = Files.createDirectories(s.workDir.resolve("dataset"));
        Files.writeString(data.resolve("train.csv"), "x,y\n1,2\n");
        Files.createDirectories(data.resolve("nested"));
        Files.writeString(data.resolve("nested/more.csv"), "3,4\n");
        Files.writeString(s.workDir.resolve("labels.txt"), "a b c\n");
        Path dockerfile = DockerTestEngine.resource("images/trainer/Dockerfile");

        TrainingResult result = new DockerTrainer(docker()).train(s.spec()
                .image("mlops-test-trainer:latest")
                .dockerfile(dockerfile.toString())
                .epochs(3)
                .param("learning-rate", 0.01)
                .param("optimizer", "adam")
                .data(List.of("dataset", "labels.txt"))
                .env(Map.of("EXTRA", "yes"))
                .name("happy")
                .build(), s.log);

        List<String> out = s.log.texts(LogSink.Stream.STDOUT);
        assertThat(out).contains(
                "params.json: {\"epochs\": 3, \"learning-rate\": 0.01, \"optimizer\": \"adam\"}",
                "env: MLOPS_PARAM_EPOCHS=3",
                "env: MLOPS_PARAM_LEARNING_RATE=0.01",
                "env: MLOPS_PARAM_OPTIMIZER=adam",
                "env: MLOPS_RUN_ID=" + result.runId(),
                "env: MLOPS_OUTPUT_DIR=/mlops/output",
                "data: dataset/train.csv x,y\n1,2".split("\n")[0],
                "data: dataset/nested/more.csv 3,4",
                "data: labels.txt a b c");
        assertThat(out).anyMatch(l -> l.startsWith("data-writable: no 30")); // EROFS: data is mounted read-only
        assertThat(out).noneMatch(l -> l.startsWith("env: MLOPS_MODEL_INPUT"));
        assertThat(s.log.texts(LogSink.Stream.STDERR)).containsExactly("warning on stderr");
        assertThat(s.log.infos()).anyMatch(i -> i.matches("Step 1/\\d+ : FROM mlops-base:bookworm"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.runId()).matches("\\d{8}-\\d{6}-[0-9a-f]{8}");
        assertThat(result.imageId()).isEqualTo(docker().inspectImageCmd("mlops-test-trainer:latest").exec().getId());
        assertThat(result.metrics()).containsOnly(entry("rmse", 0.25), entry("eval.mae", 0.25));
        assertThat(result.params()).containsOnly(entry("epochs", 3), entry("learning-rate", 0.01), entry("optimizer", "adam"));
        assertThat(result.outputDir()).isEqualTo(s.outputDir.toString());
        assertThat(Path.of(result.modelPath())).isEqualTo(s.outputDir.resolve("model"));
        assertThat(Files.readString(s.outputDir.resolve("model/weights.txt"))).isEqualTo("trained for 3 epochs\n");
        assertThat(result.dataDigest()).matches("sha256:[0-9a-f]{64}");
        assertThat(result.duration()).isPositive();
        assertThat(tempDir.resolve(s.workDir.getFileName()).toFile().list())
                .as("no staging directory left beside the output").containsExactlyInAnyOrder("dataset", "labels.txt", "out");
        s.assertNothingLeft();
    }

    @Test
    void runsTheGivenCommandWithoutDataAndGivesEqualDataTheSameDigest() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        TrainingResult result = new DockerTrainer(docker()).train(s.spec()
                .command(List.of("sh", "-c", "echo hello from $MLOPS_RUN_ID; ls -ld /mlops/data /mlops/output/model"))
                .build(), s.log);

        assertThat(result.dataDigest()).isNull();
        assertThat(result.metrics()).isEmpty();
        assertThat(s.log.texts(LogSink.Stream.STDOUT)).first().isEqualTo("hello from " + result.runId());
        assertThat(Files.isDirectory(s.outputDir.resolve("model"))).isTrue();
        s.assertNothingLeft();

        // The digest depends on names and contents only, not on where the data lies or in which order it is given.
        DockerTestEngine.Scenario a = new DockerTestEngine.Scenario(tempDir);
        DockerTestEngine.Scenario b = new DockerTestEngine.Scenario(tempDir);
        for (DockerTestEngine.Scenario x : List.of(a, b)) {
            Files.createDirectories(x.workDir.resolve("d/sub"));
            Files.writeString(x.workDir.resolve("d/sub/f.txt"), "same");
            Files.writeString(x.workDir.resolve("g.txt"), "also same");
        }
        String digestA = new DockerTrainer(docker()).train(a.spec().command(List.of("true"))
                .data(List.of("d", "g.txt")).build(), a.log).dataDigest();
        String digestB = new DockerTrainer(docker()).train(b.spec().command(List.of("true"))
                .data(List.of("g.txt", "d")).build(), b.log).dataDigest();
        assertThat(digestA).isEqualTo(digestB);
        Files.writeString(b.workDir.resolve("d/sub/f.txt"), "changed");
        String digestChanged = new DockerTrainer(docker()).train(b.spec().command(List.of("true"))
                .data(List.of("g.txt", "d")).build(), new RecordingLog()).dataDigest();
        assertThat(digestChanged).isNotEqualTo(digestA);
        a.assertNothingLeft();
        b.assertNothingLeft();
    }

    @Test
    void modelInputIsMountedReadOnlyForEvaluationRuns() throws Exception {
        DockerTestEngine.Scenario s = new DockerTestEngine.Scenario(tempDir);
        Path model = Files.createDirectories(s.workDir.resolve("candidate"));
        Files.writeString(model.resolve("weights.bin"), "w1");
        TrainingResult result = new DockerTrainer(docker()).train(s.spec()
                .modelInput("candidate")
                .command(List.of("sh", "-c", "echo input=$MLOPS_MODEL_INPUT; cat /mlops/model/weights.bin; echo;"
                        + " touch /mlops/model/x 2>/dev/null && echo model-writable || echo model-read-only;"
                        + " echo 'label,prediction' > $MLOPS_PREDICTIONS_FILE"))
                .build(), s.log);
        assertThat(s.log.texts(LogSink.Stream.STDOUT)).containsExactly("input=/mlops/model", "w1", "model-read-only");
        assertThat(Files.readString(Path.of(result.outputDir(), "predictions.csv"))).isEqualTo("label,prediction\n");
        s.assertNothingLeft();
    }
}
