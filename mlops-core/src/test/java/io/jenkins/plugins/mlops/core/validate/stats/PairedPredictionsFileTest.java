package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a candidate's and a baseline's predictions and matching them example by example. */
class PairedPredictionsFileTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void matchedByIdInAnyOrder() throws Exception {
        Path c = file("candidate.csv", "id,label,prediction\nu1,4.0,3.9\nu2,2.5,2.6\nu3,1.0,1.4\n");
        Path b = file("baseline.csv", "prediction,label,id\n1.8,1.0,u3\n3.5,4.0,u1\n2.0,2.5,u2\n");
        PairedPredictions p = PredictionsFile.readPaired(c, b, null);
        assertThat(p.matching()).isEqualTo(PairedPredictions.Matching.ID);
        RegressionPredictions base = (RegressionPredictions) p.baseline();
        assertThat(base.prediction(0)).isEqualTo(3.5);
        assertThat(base.prediction(1)).isEqualTo(2.0);
        assertThat(base.prediction(2)).isEqualTo(1.8);
        assertThat(((RegressionPredictions) p.candidate()).prediction(2)).isEqualTo(1.4);
    }

    @Test
    void matchedByRowOrderWithoutIds() throws Exception {
        Path c = file("candidate.csv", "label,prediction\ncat,cat\ndog,cat\n");
        Path b = file("baseline.csv", "label,prediction\ncat,bird\ndog,dog\n");
        PairedPredictions p = PredictionsFile.readPaired(c, b, null);
        assertThat(p.matching()).isEqualTo(PairedPredictions.Matching.ROW_ORDER);
        ClassificationPredictions cand = (ClassificationPredictions) p.candidate();
        ClassificationPredictions base = (ClassificationPredictions) p.baseline();
        // One class list for both sides, the baseline's 'bird' added after the candidate's classes.
        assertThat(cand.classes()).containsExactly("cat", "dog", "bird");
        assertThat(base.classes()).isEqualTo(cand.classes());
        assertThat(base.prediction(0)).isEqualTo(2);
        assertThat(base.label(1)).isEqualTo(cand.label(1)).isEqualTo(1);
    }

    @Test
    void mismatchesAreClearErrors() throws Exception {
        Path c = file("candidate.csv", "id,label,prediction\nu1,4.0,3.9\nu2,2.5,2.6\n");
        Path otherLabel = file("b1.csv", "id,label,prediction\nu1,4.0,3.5\nu2,3.5,2.0\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, otherLabel, null)).isInstanceOf(IOException.class)
                .hasMessage("The candidate's predictions (" + c + ") and the baseline's (" + otherLabel + ") are not for"
                        + " the same examples: id 'u2' (line 3 and line 3) has label 2.5 in the candidate's predictions"
                        + " but 3.5 in the baseline's");
        Path missingId = file("b2.csv", "id,label,prediction\nu1,4.0,3.5\nu9,2.5,2.0\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, missingId, null))
                .hasMessage("Predictions file " + missingId + " has no row with id 'u2', which " + c + " has (line 3)");
        Path extra = file("b3.csv", "id,label,prediction\nu1,4.0,3.5\nu2,2.5,2.0\nu3,1,1\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, extra, null))
                .hasMessage("Predictions file " + c + " has no row with id 'u3', which " + extra + " has (line 4)");
        Path twice = file("b4.csv", "id,label,prediction\nu1,4.0,3.5\nu1,4.0,3.5\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, twice, null))
                .hasMessage("Predictions file " + twice + " has id 'u1' twice (lines 2 and 3); ids must be unique");
        Path noIds = file("b5.csv", "label,prediction\n4.0,3.5\n2.5,2.0\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, noIds, null))
                .hasMessage("The candidate's predictions (" + c + ") and the baseline's (" + noIds + ") cannot be"
                        + " matched: only " + c + " has an 'id' column; write ids in both or in neither (then rows are"
                        + " matched by order)");
        Path rows = file("c2.csv", "label,prediction\n4.0,3.9\n2.5,2.6\n1,1\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(rows, noIds, null))
                .hasMessage("The candidate's predictions (" + rows + ") and the baseline's (" + noIds + ") cannot be"
                        + " matched row by row: the candidate's have 3 rows, the baseline's 2; write an 'id' column to"
                        + " match by id");
        Path classes = file("b6.csv", "id,label,prediction\nu1,4.0,high\nu2,2.5,low\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, classes, null))
                .hasMessageEndingWith("are not of one kind: the candidate's are regression, the baseline's"
                        + " classification; classes written as numbers need task classification");
        Path emptyId = file("b7.csv", "id,label,prediction\nu1,4.0,3.5\n,2.5,2.0\n");
        assertThatThrownBy(() -> PredictionsFile.readPaired(c, emptyId, null))
                .hasMessage("Predictions file " + emptyId + ", line 3: empty id");
    }

    @Test
    void pairingInMemoryChecksSizesTasksAndLabels() {
        RegressionPredictions a = new RegressionPredictions(new double[] {1, 2}, new double[] {1, 2});
        RegressionPredictions b = new RegressionPredictions(new double[] {1, 3}, new double[] {1, 2});
        assertThatThrownBy(() -> PairedPredictions.of(a, b, PairedPredictions.Matching.ROW_ORDER))
                .isInstanceOfSatisfying(PairedPredictions.LabelMismatch.class, e -> assertThat(e.example()).isEqualTo(1))
                .hasMessage("example 1 has label 2.0 in the candidate's predictions but 3.0 in the baseline's");
        RegressionPredictions shorter = new RegressionPredictions(new double[] {1}, new double[] {1});
        assertThatThrownBy(() -> PairedPredictions.of(a, shorter, PairedPredictions.Matching.ROW_ORDER))
                .hasMessage("the candidate's predictions have 2 examples but the baseline's 1");
        ClassificationPredictions k = new ClassificationPredictions(new int[] {0, 0}, new int[] {0, 0}, List.of("x"));
        assertThatThrownBy(() -> PairedPredictions.of(a, k, PairedPredictions.Matching.ROW_ORDER))
                .hasMessage("the candidate's predictions are regression but the baseline's are classification");
    }
}
