package io.jenkins.plugins.mlops.core.validate.stats;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.jenkins.plugins.mlops.core.metrics.NumberText;
import io.jenkins.plugins.mlops.core.metrics.ReadErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code predictions.csv} (docs/container-contract.md): a header line naming at least {@code label} and
 * {@code prediction}, then one row per example; other columns are ignored. Numbers in both columns mean
 * regression, anything else classification, unless the task is given.
 */
public final class PredictionsFile {

    /** The name evaluation containers write, under their output directory. */
    public static final String FILE_NAME = "predictions.csv";

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private PredictionsFile() {
    }

    /**
     * @param task REGRESSION or CLASSIFICATION to force one, null to decide from the values
     * @throws IOException naming the file (and the line, for a bad row) when it cannot be used
     */
    public static Predictions read(Path file, PredictionTask task) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Predictions file " + file + " does not exist");
        }
        if (task != PredictionTask.CLASSIFICATION) {
            RegressionPredictions r = readRegression(file, task == PredictionTask.REGRESSION);
            if (r != null) {
                return r;
            }
        }
        return readClassification(file);
    }

    /** Returns null when a value is not a number and the task was not forced, so the caller reads classes instead. */
    private static RegressionPredictions readRegression(Path file, boolean forced) throws IOException {
        DoubleColumn labels = new DoubleColumn();
        DoubleColumn predictions = new DoubleColumn();
        try (Rows rows = Rows.open(file)) {
            String[] row;
            while ((row = rows.next()) != null) {
                Double label = NumberText.parse(rows.label(row));
                Double prediction = NumberText.parse(rows.prediction(row));
                if (label == null || prediction == null) {
                    if (!forced) {
                        return null;
                    }
                    String bad = label == null ? "label '" + rows.label(row) + "'" : "prediction '" + rows.prediction(row) + "'";
                    throw new IOException(rows.where() + ": " + bad + " is not a number, but the task is regression");
                }
                labels.add(label);
                predictions.add(prediction);
            }
            rows.requireSome();
        }
        return new RegressionPredictions(labels.toArray(), predictions.toArray());
    }

    private static ClassificationPredictions readClassification(Path file) throws IOException {
        Map<String, Integer> classes = new LinkedHashMap<>();
        IntColumn labels = new IntColumn();
        IntColumn predictions = new IntColumn();
        try (Rows rows = Rows.open(file)) {
            String[] row;
            while ((row = rows.next()) != null) {
                labels.add(classes.computeIfAbsent(rows.label(row), k -> classes.size()));
                predictions.add(classes.computeIfAbsent(rows.prediction(row), k -> classes.size()));
            }
            rows.requireSome();
        }
        return new ClassificationPredictions(labels.toArray(), predictions.toArray(), new ArrayList<>(classes.keySet()));
    }

    /** The rows of one file with the two columns located from the header; reports positions as file:line. */
    private static final class Rows implements AutoCloseable {
        private final Path file;
        private final MappingIterator<String[]> it;
        private final int labelColumn;
        private final int predictionColumn;
        private final int width;
        private long line;
        private int count;

        private Rows(Path file, MappingIterator<String[]> it, String[] header) throws IOException {
            this.file = file;
            this.it = it;
            List<String> names = Arrays.asList(header);
            this.labelColumn = names.indexOf("label");
            this.predictionColumn = names.indexOf("prediction");
            this.width = header.length;
            if (labelColumn < 0 || predictionColumn < 0) {
                it.close();
                throw new IOException("Predictions file " + file + " needs columns 'label' and 'prediction' in its"
                        + " header line; it has: " + String.join(", ", names));
            }
        }

        static Rows open(Path file) throws IOException {
            MappingIterator<String[]> it;
            try {
                it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile());
            } catch (IOException e) {
                throw new IOException("Cannot read predictions file " + file + ": " + ReadErrors.describe(e), e);
            }
            if (!it.hasNextValue()) {
                it.close();
                throw new IOException("Predictions file " + file + " is empty; it needs a header line 'label,prediction'"
                        + " and one row per example");
            }
            return new Rows(file, it, it.nextValue());
        }

        String[] next() throws IOException {
            try {
                if (!it.hasNextValue()) {
                    return null;
                }
                String[] row = it.nextValue();
                // The row's closing token: its location is on the row's own line, also for a last line without a newline.
                line = it.getParser().currentTokenLocation().getLineNr();
                if (row.length != width) {
                    throw new IOException(where() + ": has " + row.length + " fields, but the header has " + width);
                }
                if (row[labelColumn].isEmpty() || row[predictionColumn].isEmpty()) {
                    throw new IOException(where() + ": empty " + (row[labelColumn].isEmpty() ? "label" : "prediction"));
                }
                count++;
                return row;
            } catch (RuntimeException e) {
                // MappingIterator wraps parse errors in unchecked exceptions; the message still says what broke.
                throw new IOException("Cannot read predictions file " + file + ": " + ReadErrors.describe(e), e);
            }
        }

        String label(String[] row) {
            return row[labelColumn];
        }

        String prediction(String[] row) {
            return row[predictionColumn];
        }

        String where() {
            return "Predictions file " + file + ", line " + line;
        }

        void requireSome() throws IOException {
            if (count == 0) {
                throw new IOException("Predictions file " + file + " has a header but no rows");
            }
        }

        @Override
        public void close() throws IOException {
            it.close();
        }
    }

    private static final class DoubleColumn {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    private static final class IntColumn {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
