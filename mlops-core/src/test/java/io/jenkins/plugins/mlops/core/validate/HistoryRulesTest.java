package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Convergence and sanity rules over the training history (history.csv). */
class HistoryRulesTest {

    @TempDir
    Path dir;

    private static final String CONVERGED = "epoch,loss,val_loss,accuracy\n"
            + "1,0.90,1.00,0.50\n2,0.70,0.80,0.60\n3,0.60,0.75,0.65\n4,0.55,0.72,0.70\n5,0.50,0.72,0.71\n";

    private TrainingHistory history(String csv) throws IOException {
        return TrainingHistory.read(Files.writeString(dir.resolve("history.csv"), csv));
    }

    private GateVerdict gate(TrainingHistory history, String... rules) throws InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)),
                GateInputs.builder().metrics(Map.of("rmse", 0.9)).history(history).build(), GateOptions.defaults());
    }

    @Test
    void firstLastMinMax() throws Exception {
        GateVerdict v = gate(history(CONVERGED), "history.loss.last < history.loss.first", "history.val_loss.min < 0.75",
                "history.accuracy.max >= 0.7", "history.loss.last / history.loss.first < 0.6");
        assertThat(v.isPassed()).as(v.getResults().toString()).isTrue();
        RuleResult first = v.getResults().get(0);
        assertThat(first.getReason()).isEqualTo("history.loss.last = 0.5 < history.loss.first = 0.9");
        assertThat(first.getValue()).isEqualTo(0.5);
        assertThat(first.getThreshold()).isEqualTo(0.9);
        assertThat(first.getInputs()).containsEntry("history.loss.last", 0.5).containsEntry("history.loss.first", 0.9);
        assertThat(v.getResults().get(1).getReason()).isEqualTo("history.val_loss.min = 0.72 < 0.75");
        assertThat(v.getHistoryRows()).isEqualTo(5);
        assertThat(v.getHistoryIndex()).isEqualTo("epoch");
        // The gate's own check of the history comes after the rules.
        RuleResult check = v.getResults().get(4);
        assertThat(check.getRule()).isEqualTo("(training history is finite)");
        assertThat(check.getStatus()).isEqualTo(RuleStatus.PASSED);
        assertThat(check.getReason()).isEqualTo("all 15 values of 3 columns over 5 epochs are finite");
    }

    @Test
    void decreasingAndIncreasing() throws Exception {
        GateVerdict v = gate(history(CONVERGED), "decreasing(history.loss, 3)", "decreasing(history.val_loss, 2)",
                "increasing(history.accuracy, 4)", "decreasing(history.accuracy, 1)");
        assertThat(v.getResults()).extracting(RuleResult::getStatus).containsExactly(RuleStatus.PASSED,
                RuleStatus.PASSED, RuleStatus.PASSED, RuleStatus.FAILED, RuleStatus.PASSED);
        assertThat(v.getResults().get(0).getReason()).isEqualTo("history.loss did not increase over the last 3 epochs"
                + " (epoch 2 to 5: 0.7, 0.6, 0.55, 0.5)");
        // A plateau is not getting worse.
        assertThat(v.getResults().get(1).getReason()).isEqualTo("history.val_loss did not increase over the last 2"
                + " epochs (epoch 3 to 5: 0.75, 0.72, 0.72)");
        assertThat(v.getResults().get(3).getReason()).isEqualTo("history.accuracy increased at epoch 5, from 0.7 to"
                + " 0.71; decreasing over the last 1 epoch (epoch 4 to 5: 0.7, 0.71)");

        GateVerdict worse = gate(history("step,loss\n10,0.5\n20,0.4\n30,0.45\n40,0.41\n"), "decreasing(history.loss, 2)",
                "decreasing(history.loss, 1) && history.loss.last < 0.42");
        assertThat(worse.getResults().get(0).getReason()).isEqualTo("history.loss increased at step 30, from 0.4 to"
                + " 0.45; decreasing over the last 2 epochs (step 20 to 40: 0.4, 0.45, 0.41)");
        assertThat(worse.getResults().get(1).getStatus()).isEqualTo(RuleStatus.PASSED);
    }

    @Test
    void aNanOrInfiniteValueAnywhereFailsTheGateByName() throws Exception {
        TrainingHistory diverged = history("epoch,loss,val_loss\n1,0.9,1.0\n2,nan,1.1\n3,nan,inf\n");
        GateVerdict v = gate(diverged, "rmse < 1");
        assertThat(v.isPassed()).isFalse();
        assertThat(v.getSummary()).isEqualTo("Gate FAILED: 1 of 2 rules failed, 1 passed");
        RuleResult check = v.getResults().get(1);
        assertThat(check.getStatus()).isEqualTo(RuleStatus.FAILED);
        assertThat(check.getReason()).isEqualTo("history.loss is NaN at epoch 2 (line 3); history.loss is NaN at epoch 3"
                + " (line 4); history.val_loss is Infinity at epoch 3 (line 4)");
        // And a rule that reads such a value fails by name too.
        GateVerdict read = gate(diverged, "history.loss.min < 1", "decreasing(history.val_loss, 1)");
        assertThat(read.getResults().get(0).getReason()).isEqualTo("history.loss.min is NaN (loss is NaN at epoch 2,"
                + " line 3)");
        assertThat(read.getResults().get(1).getReason()).isEqualTo("history.val_loss is infinite (Infinity) at epoch 3"
                + " (line 4)");
    }

    @Test
    void whatCannotBeReadFailsAndSaysWhy() throws Exception {
        TrainingHistory h = history(CONVERGED);
        assertThat(gate(h, "history.los.last < 1").getResults().get(0).getReason()).isEqualTo("the training history"
                + " has no column 'los' (did you mean 'loss'?); its columns are: accuracy, loss, val_loss");
        assertThat(gate(h, "decreasing(history.loss, 5)").getResults().get(0).getReason()).isEqualTo("history.loss has"
                + " 5 values; decreasing(history.loss, 5) needs 6 (the last 5 epochs and the one before)");
        assertThat(gate(null, "history.loss.last < 1").getResults().get(0).getReason()).isEqualTo("'history.loss.last'"
                + " reads the training history, but there is none: a training writes it as /mlops/output/history.csv"
                + " (docs/container-contract.md)");
        assertThat(gate(null, "rmse < 1").getResults()).hasSize(1);
        TrainingHistory sparse = history("epoch,loss,val_loss\n1,0.9,\n2,0.8,\n");
        assertThat(gate(sparse, "history.val_loss.last < 1").getResults().get(0).getReason())
                .isEqualTo("history.val_loss has no values (every cell of its column is empty)");
    }

    @Test
    void historyAloneIsSomethingToCheck() throws Exception {
        GateVerdict v = MetricGate.evaluate(RuleSet.parse("thresholds", List.of("history.loss.last < 0.6")),
                GateInputs.builder().history(history(CONVERGED)).build(), GateOptions.defaults());
        assertThat(v.isPassed()).isTrue();
    }

    @Test
    void verdictFileKeepsTheHistory() throws Exception {
        GateVerdict v = gate(history(CONVERGED), "history.loss.last < 0.6");
        GateVerdict back = VerdictJson.fromJson(VerdictJson.toJson(v));
        assertThat(back.getHistoryRows()).isEqualTo(5);
        assertThat(back.getHistoryIndex()).isEqualTo("epoch");
        assertThat(back.getResults()).hasSize(2);
        assertThat(VerdictJson.toJson(back)).isEqualTo(VerdictJson.toJson(v));
    }

    @Test
    void syntaxOfHistoryReferences() {
        expect("history.loss < 1", 1, "'history.loss' is a column of the training history, not a number; write"
                + " history.loss.last, .first, .min or .max, or decreasing(history.loss, 3)");
        expect("history.loss.mean < 1", 1, "'history.loss.mean' is a column of the training history, not a number;"
                + " write history.loss.mean.last, .first, .min or .max, or decreasing(history.loss.mean, 3)");
        expect("history < 1", 1, "'history' alone is not a metric; write history.<column>.last, such as history.loss.last");
        expect("decreasing(loss, 3)", 12, "the first argument of 'decreasing' must be a column of the training history,"
                + " such as history.loss; write e.g. decreasing(history.loss, 3)");
        expect("decreasing(history.loss.last, 3)", 12, "'decreasing' takes the column itself, not one value of it;"
                + " write e.g. decreasing(history.loss, 3)");
        expect("increasing(history.acc)", 23, "'increasing' takes a column and a number of epochs; write e.g."
                + " increasing(history.loss, 3)");
        expect("decreasing(history.loss, 2.5)", 26, "the number of epochs of 'decreasing' must be a whole number of at"
                + " least 1; write e.g. decreasing(history.loss, 3)");
        expect("decreasing(history.loss, 0)", 26, "the number of epochs of 'decreasing' must be a whole number of at"
                + " least 1; write e.g. decreasing(history.loss, 3)");
        expect("decreasing(history.loss, 3, 4)", 27, "expected ')' to close the '(' at column 11 but found ','");
        expect("decreasing(history.loss, 3) + 1 > 0", 1, "'+' needs numbers on both sides, but its left side is a condition");
        // A metric really named history.x is quoted, as baseline.x is.
        assertThat(RuleSet.parse("thresholds", List.of("`history`.loss < 1")).rules().get(0).metrics().get(0).name())
                .isEqualTo("history.loss");
        assertThat(RuleSet.parse("thresholds", List.of("history.`val-loss`.min < 1", "!decreasing(history.loss, 2)"))
                .size()).isEqualTo(2);
    }

    private static void expect(String rule, int column, String problem) {
        assertThatThrownBy(() -> RuleSet.parse("thresholds", List.of(rule))).as(rule)
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> assertThat(e.getMessage())
                        .startsWith("Invalid argument 'thresholds': rule 1, column " + column + ": " + problem));
    }
}
