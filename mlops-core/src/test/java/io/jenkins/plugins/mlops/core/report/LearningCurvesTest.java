package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {

    @TempDir
    Path dir;

    private TrainingHistory history(String csv) throws IOException {
        Path file = dir.resolve(TrainingHistory.FILE_NAME);
        Files.writeString(file, csv);
        return TrainingHistory.read(file);
    }

    @Test
    void aShortHistoryIsDrawnWholeWithItsGapsInPlace() throws IOException {
        LearningCurves c = LearningCurves.of(history("epoch,loss,val_loss\n1,0.9,\n2,0.7,0.8\n3,nan,\n4,0.5,0.6\n"));

        assertThat(c.stepName()).isEqualTo("epoch");
        assertThat(c.steps()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(c.columns().get("loss")).containsExactly(0.9, 0.7, Double.NaN, 0.5);
        assertThat(c.columns().get("val_loss")).containsExactly(null, 0.8, null, 0.6);
        assertThat(c.series().get("val_loss")).containsExactly(new LearningCurves.Point(2, 0.8),
                new LearningCurves.Point(4, 0.6));
        assertThat(c.groups()).containsExactly(List.of("loss", "val_loss"));
        assertThat(c.omitted()).isNull();
    }

    @Test
    void aLongHistoryKeepsEvenlySpacedRowsWithTheFirstAndTheLastAndSaysSo() throws IOException {
        StringBuilder csv = new StringBuilder("step,loss,val_loss\n");
        for (int s = 1; s <= 10_000; s++) {
            csv.append(s).append(',').append(1.0 / s).append(',').append(s % 100 == 0 ? String.valueOf(2.0 / s) : "")
                    .append('\n');
        }
        LearningCurves c = LearningCurves.of(history(csv.toString()));

        assertThat(c.steps()).hasSize(LearningCurves.MAX_ROWS).startsWith(1.0).endsWith(10_000.0);
        assertThat(c.steps()).isSorted().doesNotHaveDuplicates();
        double[] gaps = new double[c.steps().size() - 1];
        for (int i = 1; i < c.steps().size(); i++) {
            gaps[i - 1] = c.steps().get(i) - c.steps().get(i - 1);
        }
        assertThat(Arrays.stream(gaps).max().getAsDouble() - Arrays.stream(gaps).min().getAsDouble()).isLessThanOrEqualTo(1);
        assertThat(c.columns().get("loss").get(0)).isEqualTo(1.0);
        assertThat(c.columns().get("loss").get(LearningCurves.MAX_ROWS - 1)).isEqualTo(1.0 / 10_000);
        // the validation column has values only every 100th step; the drawn rows that hit one keep it
        assertThat(c.columns().get("val_loss").get(LearningCurves.MAX_ROWS - 1)).isEqualTo(2.0 / 10_000);
        assertThat(c.historyRows()).isEqualTo(10_000);
        assertThat(c.omitted()).isEqualTo("The charts draw 120 of its 10,000 steps, evenly spaced with the first and"
                + " the last; history.csv has them all.");
    }

    @Test
    void onlyTheFirstColumnsAreKept() throws IOException {
        StringBuilder header = new StringBuilder("epoch");
        StringBuilder row = new StringBuilder("1");
        for (int m = 1; m <= 11; m++) {
            header.append(",m").append(m);
            row.append(',').append(m);
        }
        LearningCurves c = LearningCurves.of(history(header + "\n" + row + "\n"));

        assertThat(c.columns()).hasSize(LearningCurves.MAX_COLUMNS).containsKeys("m1", "m8").doesNotContainKey("m9");
        assertThat(c.historyColumns()).isEqualTo(11);
        assertThat(c.omitted()).contains("its first 8 of 11 metric columns");
    }

    /** What a build record keeps gives back the same curves, so the Jenkins page draws what the CLI draws. */
    @Test
    void theStoredFormGivesBackTheSameCurves() throws IOException {
        LearningCurves read = LearningCurves.of(history("epoch,loss,val_loss\n1,0.9,\n2,0.7,0.8\n3,inf,0.7\n"));
        LearningCurves stored = LearningCurves.of(read.stepName(), new ArrayList<>(read.steps()),
                Map.copyOf(read.columns()), read.historyRows(), read.historyColumns());

        assertThat(stored.series()).isEqualTo(read.series());
        assertThat(stored.steps()).isEqualTo(read.steps());
        assertThat(stored.columns().keySet()).containsExactlyInAnyOrderElementsOf(read.columns().keySet());
        assertThatThrownBy(() -> LearningCurves.of("epoch", List.of(1.0, 2.0), Map.of("loss", List.of(0.5)), 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column loss has 1 values for 2 rows");
    }
}
