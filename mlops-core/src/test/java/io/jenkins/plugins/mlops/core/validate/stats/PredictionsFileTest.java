package io.jenkins.plugins.mlops.core.validate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("predictions.csv"), text);
    }

    @Test
    void numbersMeanRegression() throws Exception {
        Predictions p = PredictionsFile.read(csv("id,label,prediction,user\n1,4.0,3.71,u1\n2,2.5,2.93,u2\n3,-1e-1,.5,u3\n"), null);
        assertThat(p).isInstanceOf(RegressionPredictions.class);
        RegressionPredictions r = (RegressionPredictions) p;
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.label(0)).isEqualTo(4.0);
        assertThat(r.prediction(1)).isEqualTo(2.93);
        assertThat(r.label(2)).isEqualTo(-0.1);
        assertThat(r.prediction(2)).isEqualTo(0.5);
        assertThat(r.nonFiniteCount()).isZero();
    }

    @Test
    void pythonNanAndInfStayNumbers() throws Exception {
        RegressionPredictions r = (RegressionPredictions) PredictionsFile.read(
                csv("label,prediction\n1,nan\n2,-inf\n3,Infinity\n4,4\n"), null);
        assertThat(r.prediction(0)).isNaN();
        assertThat(r.prediction(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.prediction(2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.nonFiniteCount()).isEqualTo(3);
    }

    @Test
    void namesMeanClassification() throws Exception {
        Predictions p = PredictionsFile.read(csv("label,prediction\ncat,dog\n\"dog, big\",dog\n 1 ,cat\n"), null);
        ClassificationPredictions c = (ClassificationPredictions) p;
        assertThat(c.classes()).containsExactly("cat", "dog", "dog, big", "1");
        assertThat(c.label(1)).isEqualTo(2);
        assertThat(c.prediction(1)).isEqualTo(1);
        assertThat(c.label(2)).isEqualTo(3);
    }

    @Test
    void numericClassesWhenTheTaskSaysSo() throws Exception {
        Path f = csv("label,prediction\n0,1\n1,1\n");
        assertThat(PredictionsFile.read(f, null)).isInstanceOf(RegressionPredictions.class);
        ClassificationPredictions c = (ClassificationPredictions) PredictionsFile.read(f, PredictionTask.CLASSIFICATION);
        assertThat(c.classes()).containsExactly("0", "1");
    }

    @Test
    void forcedRegressionRejectsNames() throws Exception {
        Path f = csv("label,prediction\n1,2\n3,high\n");
        assertThatThrownBy(() -> PredictionsFile.read(f, PredictionTask.REGRESSION))
                .isInstanceOf(IOException.class)
                .hasMessage("Predictions file " + f + ", line 3: prediction 'high' is not a number, but the task is regression");
        Path noNewline = csv("label,prediction\n1,2\n\n3,high");
        assertThatThrownBy(() -> PredictionsFile.read(noNewline, PredictionTask.REGRESSION))
                .hasMessageContaining(", line 4: prediction 'high'");
    }

    @Test
    void missingColumnNamesTheColumnsThereAre() throws Exception {
        Path f = csv("y,yhat\n1,2\n");
        assertThatThrownBy(() -> PredictionsFile.read(f, null))
                .hasMessage("Predictions file " + f + " needs columns 'label' and 'prediction' in its header line; it has: y, yhat");
    }

    @Test
    void raggedRowNamesTheLine() throws Exception {
        Path f = csv("label,prediction\n1,2\n3\n");
        assertThatThrownBy(() -> PredictionsFile.read(f, null))
                .hasMessage("Predictions file " + f + ", line 3: has 1 fields, but the header has 2");
    }

    @Test
    void emptyValueNamesTheLine() throws Exception {
        Path f = csv("label,prediction\n1,2\n3,\n");
        assertThatThrownBy(() -> PredictionsFile.read(f, null))
                .hasMessage("Predictions file " + f + ", line 3: empty prediction");
    }

    @Test
    void emptyFilesAndMissingFilesAreErrors() throws Exception {
        Path empty = csv("");
        assertThatThrownBy(() -> PredictionsFile.read(empty, null)).hasMessageContaining("is empty");
        Path header = csv("label,prediction\n");
        assertThatThrownBy(() -> PredictionsFile.read(header, null)).hasMessageContaining("has a header but no rows");
        assertThatThrownBy(() -> PredictionsFile.read(dir.resolve("nope.csv"), null)).hasMessageContaining("does not exist");
    }

    @Test
    void taskNames() {
        assertThat(PredictionTask.parse("task", "auto")).isNull();
        assertThat(PredictionTask.parse("task", null)).isNull();
        assertThat(PredictionTask.parse("task", "Classification")).isEqualTo(PredictionTask.CLASSIFICATION);
        assertThatThrownBy(() -> PredictionTask.parse("--task", "ranking"))
                .hasMessage("Invalid argument '--task': 'ranking' is not a task; use auto, regression or classification");
    }
}
