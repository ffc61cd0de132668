package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.mlops.core.container.ContainerLabels;
import io.jenkins.plugins.mlops.core.container.DockerClients;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops validate --image ...} on the real Docker Engine: an evaluation script on mlops-base:bookworm reads
 * the candidate model from /mlops/model and writes predictions.csv; a model with a small bias passes, one with a
 * large bias fails, and a corrupted model makes the evaluation itself fail. Fails, never skips, without an engine.
 */
class ValidateCommandEvaluationIT {

    private static final Pattern RUN_ID = Pattern.compile("\\[mlops\\] Evaluation (\\S+) wrote");

    @TempDir
    Path dir;

    @Test
    void goodModelPassesBadModelFailsCorruptedModelCannotBeEvaluated() throws Exception {
        Path script = Files.writeString(dir.resolve("evaluate.py"), String.join("\n",
                "import json, os",
                "model = json.load(open(os.path.join(os.environ['MLOPS_MODEL_INPUT'], 'model.json')))",
                "rows = open(os.path.join(os.environ['MLOPS_DATA_DIR'], 'eval.csv')).read().split()[1:]",
                "with open(os.environ['MLOPS_PREDICTIONS_FILE'], 'w') as f:",
                "    f.write('label,prediction\\n')",
                "    for i, y in enumerate(rows):",
                "        f.write('%s,%r\\n' % (y, float(y) + model['bias'] + (0.1 if i % 2 else -0.1)))",
                "json.dump({'examples': len(rows)}, open(os.environ['MLOPS_METRICS_FILE'], 'w'))",
                "print('evaluated', len(rows))", ""));
        StringBuilder csv = new StringBuilder("y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(1 + i % 5).append('\n');
        }
        Path data = Files.writeString(dir.resolve("eval.csv"), csv);

        ValidateCommandTest.Run good = evaluate(model("good", "{\"bias\": 0.0}"), script, data, dir.resolve("verdict.json"));
        assertThat(good.exitCode()).as(good.err()).isEqualTo(0);
        assertThat(good.err()).contains("evaluated 200");
        assertThat(good.out()).contains("PASSED  rmse < 0.5").contains("PASSED  predictions.count == 200");
        GateVerdict verdict = VerdictJson.read(dir.resolve("verdict.json"));
        assertThat(verdict.isPassed()).isTrue();
        assertThat(verdict.getMetrics()).containsEntry("examples", 200.0).containsKey("rmse.ci_high");
        assertNoContainerLeft(good.err());

        ValidateCommandTest.Run bad = evaluate(model("bad", "{\"bias\": 0.8}"), script, data, dir.resolve("bad.json"));
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(1);
        assertThat(bad.out()).contains("FAILED  rmse < 0.5").contains("rmse = 0.806226 is not < 0.5");
        assertNoContainerLeft(bad.err());

        ValidateCommandTest.Run corrupted = evaluate(model("corrupted", "not json"), script, data, dir.resolve("c.json"));
        assertThat(corrupted.exitCode()).isEqualTo(2);
        assertThat(corrupted.err()).contains("JSONDecodeError").contains("mlops validate: the evaluation failed:");
        assertThat(dir.resolve("c.json")).doesNotExist();
    }

    private ValidateCommandTest.Run evaluate(Path model, Path script, Path data, Path verdict) {
        return ValidateCommandTest.validate(
                "--image", "mlops-base:bookworm",
                "--command", "python3 /mlops/data/evaluate.py",
                "--model", model.toString(),
                "--data", script.toString(), "--data", data.toString(),
                "--output", dir.resolve("out-" + model.getFileName()).toString(),
                "--threshold", "rmse < 0.5", "--threshold", "predictions.count == 200",
                "--verdict-out", verdict.toString());
    }

    private Path model(String name, String json) throws IOException {
        Path m = Files.createDirectories(dir.resolve("models").resolve(name));
        Files.writeString(m.resolve("model.json"), json);
        return m;
    }

    private static void assertNoContainerLeft(String stderr) throws Exception {
        Matcher m = RUN_ID.matcher(stderr);
        assertThat(m.find()).as("run id in " + stderr).isTrue();
        try (DockerClient docker = DockerClients.connect(System.getenv())) {
            assertThat(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(ContainerLabels.filter(ContainerLabels.RUN_ID, m.group(1)))).exec()).isEmpty();
        }
    }
}
