package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.core.validate.RuleStatus;
import io.jenkins.plugins.mlops.core.validate.VerdictJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mlops validate} in-process: exit codes, the table, the verdict file, and every input error. */
class ValidateCommandTest {

    @TempDir
    Path dir;

    /** What one invocation printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run validate(String... args) {
        CommandLine cli = new CommandLine(new ValidateCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void passingGateExitsZeroAndPrintsATable() {
        Run r = validate("--metric", "rmse=0.91", "--metric", "mae=0.7",
                "--threshold", "rmse < 0.95", "--threshold", "mae <= 0.75");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Gate PASSED: 2 of 2 rules passed\nbaseline: none (none given; use --compare-to or --baseline)\n\n");
        assertThat(r.out()).contains(
                "STATUS  RULE         VALUE  THRESHOLD  BASELINE  REASON\n"
                + "PASSED  rmse < 0.95  0.91   0.95       -         rmse = 0.91 < 0.95\n"
                + "PASSED  mae <= 0.75  0.7    0.75       -         mae = 0.7 <= 0.75\n");
    }

    @Test
    void failingGateExitsOneAndSaysWhy() throws Exception {
        Path metrics = file("metrics.yaml", "eval:\n  rmse: 0.97\n  mae: 0.7\n");
        Path baseline = file("baseline.json", "{\"eval\": {\"rmse\": 0.93}}");
        Path verdict = dir.resolve("out/verdict.json");
        Run r = validate("--metrics", metrics.toString(), "--compare-to", baseline.toString(),
                "--threshold", "eval.rmse <= baseline.eval.rmse * 1.01", "--threshold", "eval.mae < 0.75",
                "--verdict-out", verdict.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("Gate FAILED: 1 of 2 rules failed, 1 passed\nbaseline: " + baseline + "\n");
        assertThat(r.out()).contains("FAILED  eval.rmse <= baseline.eval.rmse * 1.01  0.97   0.9393     0.93      "
                + "eval.rmse = 0.97 is not <= baseline.eval.rmse * 1.01 = 0.9393");
        GateVerdict v = VerdictJson.read(verdict);
        assertThat(v.isPassed()).isFalse();
        assertThat(v.getResults().get(0).getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(v.getBaselineMetrics()).containsEntry("eval.rmse", 0.93);
    }

    @Test
    void anEarlierVerdictCanBeTheBaseline() throws Exception {
        Path first = dir.resolve("first.json");
        assertThat(validate("--metric", "rmse=0.9", "--threshold", "rmse < 1", "--verdict-out", first.toString()).exitCode())
                .isEqualTo(0);
        Run second = validate("--metric", "rmse=0.92", "--compare-to", first.toString(), "--threshold", "rmse <= baseline.rmse");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.out()).contains("rmse = 0.92 is not <= baseline.rmse = 0.9");
        Run override = validate("--metric", "rmse=0.92", "--compare-to", first.toString(), "--baseline", "rmse=0.95",
                "--threshold", "rmse <= baseline.rmse");
        assertThat(override.exitCode()).isEqualTo(0);
        assertThat(override.out()).contains("baseline: " + first + " + --baseline");
    }

    @Test
    void predictionsGiveIntervalsAndSignificance() throws Exception {
        StringBuilder csv = new StringBuilder("label,prediction\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i % 5).append(',').append(i % 5 + (i % 2 == 0 ? 0.2 : -0.2)).append('\n');
        }
        Path predictions = file("predictions.csv", csv.toString());
        Run r = validate("--predictions", predictions.toString(), "--baseline", "rmse=0.3", "--json",
                "--threshold", "significant(rmse < baseline.rmse, 0.99)", "--threshold", "rmse.ci_high < 0.25");
        assertThat(r.exitCode()).isEqualTo(0);
        GateVerdict v = VerdictJson.fromJson(r.out());
        assertThat(v.getPredictionCount()).isEqualTo(300);
        assertThat(v.getResults().get(0).getReason()).isEqualTo(
                "rmse = 0.2, 99% CI [0.2, 0.2] lies entirely < baseline.rmse = 0.3: significant at 99%"
                        + " (unpaired: the baseline's recorded value taken as exact)");
        Run notSignificant = validate("--predictions", predictions.toString(), "--baseline", "rmse=0.2",
                "--threshold", "significant(rmse < baseline.rmse)");
        assertThat(notSignificant.exitCode()).isEqualTo(1);
    }

    @Test
    void syntaxErrorsExitTwoWithTheCaret() {
        Run r = validate("--metric", "rmse=1", "--threshold", "rmse < 1", "--threshold", "rmse << 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mlops validate: Invalid argument '--threshold': rule 2, column 7: expected a"
                + " number, a metric name, a function call or '(' but found '<'\n  rmse << 1\n        ^\n");
    }

    @Test
    void inputErrorsExitTwoAndNameTheArgument() throws Exception {
        assertThat(validate("--metric", "rmse=1").err())
                .contains("Invalid argument '--threshold': no rules given");
        assertThat(validate("--threshold", "rmse < 1").err())
                .contains("Invalid argument '--metric': no metrics to check: give --metric, --metrics, --predictions or an"
                        + " evaluation --image");
        assertThat(validate("--metric", "rmse", "--threshold", "rmse < 1").err())
                .contains("Invalid argument '--metric': 'rmse' must be written name=value, e.g. rmse=0.91");
        assertThat(validate("--metric", "rmse=low", "--threshold", "rmse < 1").err())
                .contains("Invalid argument '--metric': value of 'rmse' must be a number, got 'low'");
        assertThat(validate("--metric", "rmse=1", "--compare-to", "previous", "--threshold", "rmse < 1").err())
                .contains("Invalid argument '--compare-to': 'previous' means the last successful build and exists only in Jenkins");
        assertThat(validate("--metric", "rmse=1", "--compare-to", "no-such-baseline.json", "--threshold", "rmse < 1").err())
                .contains("Invalid argument '--compare-to': 'no-such-baseline.json' is neither a file nor a registered"
                        + " model's alias, version or 'latest'");
        assertThat(validate("--metric", "rmse=1", "--confidence", "95", "--threshold", "rmse < 1").err())
                .contains("Invalid argument '--confidence': must be between 0 and 1");
        Path broken = file("broken.json", "{\"rmse\": ");
        Run r = validate("--metrics", broken.toString(), "--threshold", "rmse < 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("mlops validate: Invalid argument '--metrics': Cannot read metrics file " + broken);
        Path noMetrics = dir.resolve("nosuch.json");
        Run noMetricsRun = validate("--metrics", noMetrics.toString(), "--threshold", "rmse < 1");
        assertThat(noMetricsRun.exitCode()).isEqualTo(2);
        assertThat(noMetricsRun.err()).isEqualTo("mlops validate: Invalid argument '--metrics': Metrics file " + noMetrics
                + " does not exist\n");
        Run missing = validate("--predictions", dir.resolve("none.csv").toString(), "--threshold", "rmse < 1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
        for (String[] args : new String[][] {
            {"--metric", "rmse"}, {"--threshold", "rmse < 1"}, {"--metric", "rmse=low", "--threshold", "rmse < 1"}}) {
            assertThat(validate(args).exitCode()).isEqualTo(2);
        }
    }

    @Test
    void unknownOptionsArePicocliUsageErrors() {
        Run r = validate("--thresold", "rmse < 1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--thresold'").contains("Possible solutions: --threshold");
    }

    @Test
    void missingMetricFailsTheGateNotTheCommand() {
        Run r = validate("--metric", "rmse=0.9", "--threshold", "accuracy > 0.8");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("metric 'accuracy' is missing; the metrics are: rmse");
    }
}
