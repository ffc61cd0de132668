package io.jenkins.plugins.mlops.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("history.csv"), text);
    }

    @Test
    void kerasCsvLoggerShape() throws Exception {
        // What tf.keras.callbacks.CSVLogger writes: epoch from 0, one column per logged metric.
        TrainingHistory h = TrainingHistory.read(file("epoch,loss,val_loss\n0,0.9,1.1\n1,0.6,0.8\n2,0.5,0.7\n"));
        assertThat(h.indexColumn()).isEqualTo("epoch");
        assertThat(h.rows()).isEqualTo(3);
        assertThat(h.index()).containsExactly(0, 1, 2);
        assertThat(h.names()).containsExactly("loss", "val_loss");
        TrainingHistory.Series loss = h.series("loss");
        assertThat(loss.values()).containsExactly(0.9, 0.6, 0.5);
        assertThat(loss.lines()).containsExactly(2, 3, 4);
        assertThat(loss.first()).isEqualTo(0.9);
        assertThat(loss.last()).isEqualTo(0.5);
        assertThat(loss.min()).isEqualTo(0.5);
        assertThat(loss.max()).isEqualTo(0.9);
        assertThat(h.series("val_loss").min()).isEqualTo(0.7);
        assertThat(h.series("accuracy")).isNull();
        assertThat(h.nonFiniteValues()).isEmpty();
    }

    @Test
    void stepIndexAnywhereAndMissingCells() throws Exception {
        // DVCLive logs by step; a validation metric computed every other step leaves cells empty (pandas) or NA (Keras).
        TrainingHistory h = TrainingHistory.read(file("loss,step,val_loss\n0.9,10,\n0.7,20,NA\n0.6,30,0.65\n0.5,40,0.6"));
        assertThat(h.indexColumn()).isEqualTo("step");
        assertThat(h.names()).containsExactly("loss", "val_loss");
        assertThat(h.series("val_loss").values()).containsExactly(0.65, 0.6);
        assertThat(h.series("val_loss").index()).containsExactly(30, 40);
        assertThat(h.series("val_loss").lines()).containsExactly(4, 5);
        assertThat(h.series("loss").size()).isEqualTo(4);
    }

    @Test
    void epochWinsOverStepWhichIsThenAColumn() throws Exception {
        TrainingHistory h = TrainingHistory.read(file("step,epoch,loss\n100,1,0.5\n200,2,0.4\n"));
        assertThat(h.indexColumn()).isEqualTo("epoch");
        assertThat(h.names()).containsExactly("step", "loss");
    }

    @Test
    void nonFiniteValuesAreKeptAndFoundByName() throws Exception {
        TrainingHistory h = TrainingHistory.read(file("epoch,loss,val_loss\n1,0.5,0.6\n2,nan,0.5\n3,inf,-Infinity\n"));
        assertThat(h.series("loss").values()[1]).isNaN();
        assertThat(h.series("loss").min()).isNaN();
        assertThat(h.nonFiniteValues()).extracting(TrainingHistory.NonFiniteValue::column,
                        TrainingHistory.NonFiniteValue::index, TrainingHistory.NonFiniteValue::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("loss", 2.0, 3),
                        org.assertj.core.groups.Tuple.tuple("loss", 3.0, 4),
                        org.assertj.core.groups.Tuple.tuple("val_loss", 3.0, 4));
        assertThat(h.nonFiniteValues().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void readIfPresent() throws Exception {
        assertThat(TrainingHistory.readIfPresent(dir)).isNull();
        file("epoch,loss\n1,0.5\n");
        assertThat(TrainingHistory.readIfPresent(dir).rows()).isEqualTo(1);
    }

    @Test
    void errorsNameFileLineAndColumn() throws Exception {
        Path f = dir.resolve("history.csv");
        assertThatThrownBy(() -> TrainingHistory.read(f))
                .isInstanceOf(IOException.class).hasMessage("History file " + f + " does not exist");
        assertThatThrownBy(() -> TrainingHistory.read(dir)).hasMessage("History file " + dir + " is a directory, not a CSV file");
        expect("", "History file " + f + " is empty; it needs a header line such as 'epoch,loss,val_loss' and one row per epoch");
        expect("epoch,loss\n", "History file " + f + " has a header but no rows");
        expect("iteration,loss\n1,0.5\n", "History file " + f + " needs an 'epoch' or 'step' column in its header line;"
                + " it has: iteration, loss");
        expect("epoch,loss,loss\n1,2,3\n", "History file " + f + ": column 'loss' appears twice in the header line"
                + " (columns 2 and 3)");
        expect("epoch,,loss\n1,2,3\n", "History file " + f + ": column 2 of the header line has no name");
        expect("epoch,loss\n1,0.5\n2,0.4,9\n", "History file " + f + ", line 3: has 3 fields, but the header has 2");
        expect("epoch,loss\n1,0.5\n2,0,4\n", "History file " + f + ", line 3: has 3 fields, but the header has 2");
        expect("epoch,loss,acc\n1,0.5,0.7\n2,0.4,high\n", "History file " + f + ", line 3, column 'acc' (3): 'high' is"
                + " not a number; write numbers such as 0.25, nan or inf, or leave the cell empty when there is no value");
        expect("epoch,loss\n1,0.5\n,0.4\n", "History file " + f + ", line 3, column 'epoch' (1): empty; every row needs its epoch");
        expect("epoch,loss\nnan,0.5\n", "History file " + f + ", line 2, column 'epoch' (1): 'nan' is not a finite number;"
                + " every row needs its epoch");
        expect("epoch,loss\n1,0.5\n3,0.4\n2,0.3\n", "History file " + f + ", line 4, column 'epoch': epoch 2 does not"
                + " follow 3; rows must be in increasing epoch order");
        expect("step,loss\n5,0.5\n5,0.4\n", "History file " + f + ", line 3, column 'step': step 5 does not follow 5;"
                + " rows must be in increasing step order");
    }

    @Test
    void brokenCsvSaysWhereWithoutParserInternals() throws Exception {
        Path f = file("epoch,loss\n1,\"0.5\n");
        assertThatThrownBy(() -> TrainingHistory.read(f))
                .hasMessageStartingWith("Cannot read history file " + f + ": ")
                .hasMessageContaining("line ")
                .hasMessageNotContaining("Source")
                .hasMessageNotContaining("REDACTED");
    }

    private void expect(String text, String message) throws IOException {
        Path f = file(text);
        assertThatThrownBy(() -> TrainingHistory.read(f)).as(text).isInstanceOf(IOException.class).hasMessage(message);
    }
}
