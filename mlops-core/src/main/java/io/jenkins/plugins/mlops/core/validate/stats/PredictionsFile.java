package io.jenkins.plugins.mlops.core.validate.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code predictions.csv} (docs/container-contract.md): a header line naming at least {@code label} and
 * {@code prediction}, then one row per example; an {@code id} column names the examples (for pairing a candidate's
 * and a baseline's predictions), other columns are ignored. Numbers in both columns mean
 * regression, anything else classification, unless the task is given.
 */
public final class PredictionsFile {

    /** The name evaluation containers write, under their output directory. */
    public static final String FILE_NAME = "predictions.csv";
    /** The optional column that names each example, for matching a candidate's and a baseline's predictions. */
    public static final String ID = "id";

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
        return table(file, task).predictions;
    }

    /**
     * Reads a candidate's and a baseline's predictions for the same examples and pairs them: by the {@code id}
     * column when both files have one (in any order; every id once on each side), else row by row. Both sides must
     * have the same labels, which shows they were made from the same data.
     *
     * @param task REGRESSION or CLASSIFICATION to force one for both, null to decide from the values
     * @throws IOException naming the files, and the example, when they cannot be paired
     */
    public static PairedPredictions readPaired(Path candidateFile, Path baselineFile, PredictionTask task)
            throws IOException {
        Table candidate = table(candidateFile, task);
        Table baseline = table(baselineFile, task);
        String both = "The candidate's predictions (" + candidateFile + ") and the baseline's (" + baselineFile + ")";
        if (candidate.predictions.task() != baseline.predictions.task()) {
            throw new IOException(both + " are not of one kind: the candidate's are "
                    + candidate.predictions.task().displayName() + ", the baseline's "
                    + baseline.predictions.task().displayName() + "; classes written as numbers need task"
                    + " classification");
        }
        if ((candidate.ids == null) != (baseline.ids == null)) {
            Path with = candidate.ids != null ? candidateFile : baselineFile;
            throw new IOException(both + " cannot be matched: only " + with + " has an 'id' column; write ids in both"
                    + " or in neither (then rows are matched by order)");
        }
        Table matched = baseline;
        PairedPredictions.Matching matching = PairedPredictions.Matching.ROW_ORDER;
        if (candidate.ids != null) {
            matching = PairedPredictions.Matching.ID;
            matched = baseline.inOrderOf(candidate, baselineFile, candidateFile);
        } else if (candidate.size() != baseline.size()) {
            throw new IOException(both + " cannot be matched row by row: the candidate's have " + candidate.size()
                    + " rows, the baseline's " + baseline.size() + "; write an 'id' column to match by id");
        }
        try {
            return PairedPredictions.of(candidate.predictions, matched.predictions, matching);
        } catch (PairedPredictions.LabelMismatch e) {
            int i = e.example();
            String which = candidate.ids != null ? "id '" + candidate.ids[i] + "'" : "row " + (i + 1);
            throw new IOException(both + " are not for the same examples: " + which + " (line " + candidate.lines[i]
                    + " and line " + matched.lines[i] + ") " + e.getMessage().substring(e.getMessage().indexOf("has label")),
                    e);
        }
    }

    private static Table table(Path file, PredictionTask task) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Predictions file " + file + " does not exist");
        }
        if (task != PredictionTask.CLASSIFICATION) {
            Table r = readRegression(file, task == PredictionTask.REGRESSION);
            if (r != null) {
                return r;
            }
        }
        return readClassification(file);
    }

    /** Returns null when a value is not a number and the task was not forced, so the caller reads classes instead. */
    private static Table readRegression(Path file, boolean forced) throws IOException {
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
            return new Table(new RegressionPredictions(labels.toArray(), predictions.toArray()), rows.ids(), rows.lines());
        }
    }

    private static Table readClassification(Path file) throws IOException {
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
            return new Table(new ClassificationPredictions(labels.toArray(), predictions.toArray(),
                    new ArrayList<>(classes.keySet())), rows.ids(), rows.lines());
        }
    }

    /** One file's predictions with each row's id (null without an id column) and line. */
    private record Table(Predictions predictions, String[] ids, int[] lines) {

        int size() {
            return predictions.size();
        }

        /** This side reordered so that its example {@code i} has the id of {@code other}'s example {@code i}. */
        Table inOrderOf(Table other, Path file, Path otherFile) throws IOException {
            if (Arrays.equals(ids, other.ids)) {
                return this;
            }
            Map<String, Integer> position = positions(file);
            other.positions(otherFile);
            int[] order = new int[other.ids.length];
            for (int i = 0; i < order.length; i++) {
                Integer at = position.get(other.ids[i]);
                if (at == null) {
                    throw new IOException("Predictions file " + file + " has no row with id '" + other.ids[i]
                            + "', which " + otherFile + " has (line " + other.lines[i] + ")");
                }
                order[i] = at;
            }
            if (ids.length != other.ids.length) {
                Map<String, Integer> theirs = other.positions(otherFile);
                for (int i = 0; i < ids.length; i++) {
                    if (!theirs.containsKey(ids[i])) {
                        throw new IOException("Predictions file " + otherFile + " has no row with id '" + ids[i]
                                + "', which " + file + " has (line " + lines[i] + ")");
                    }
                }
            }
            int[] reorderedLines = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                reorderedLines[i] = lines[order[i]];
            }
            return new Table(reorder(predictions, order), other.ids, reorderedLines);
        }

        private Map<String, Integer> positions(Path file) throws IOException {
            Map<String, Integer> position = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                Integer before = position.put(ids[i], i);
                if (before != null) {
                    throw new IOException("Predictions file " + file + " has id '" + ids[i] + "' twice (lines "
                            + lines[before] + " and " + lines[i] + "); ids must be unique");
                }
            }
            return position;
        }

        private static Predictions reorder(Predictions p, int[] order) {
            int n = order.length;
            if (p instanceof RegressionPredictions r) {
                double[] labels = new double[n];
                double[] predictions = new double[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = r.label(order[i]);
                    predictions[i] = r.prediction(order[i]);
                }
                return new RegressionPredictions(labels, predictions);
            }
            ClassificationPredictions c = (ClassificationPredictions) p;
            int[] labels = new int[n];
            int[] predictions = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = c.label(order[i]);
                predictions[i] = c.prediction(order[i]);
            }
            return new ClassificationPredictions(labels, predictions, c.classes());
        }
    }

    /** The rows of one file with the two columns located from the header; reports positions as file:line. */
    private static final class Rows implements AutoCloseable {
        private final Path file;
        private final MappingIterator<String[]> it;
        private final int labelColumn;
        private final int predictionColumn;
        /** The optional {@code id} column, -1 when there is none. */
        private final int idColumn;
        private final int width;
        private final List<String> ids;
        private final IntColumn lines = new IntColumn();
        private int line;
        private int count;

        private Rows(Path file, MappingIterator<String[]> it, String[] header) throws IOException {
            this.file = file;
            this.it = it;
            List<String> names = Arrays.asList(header);
            this.labelColumn = names.indexOf("label");
            this.predictionColumn = names.indexOf("prediction");
            this.idColumn = names.indexOf(ID);
            this.ids = idColumn < 0 ? null : new ArrayList<>();
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
                lines.add(line);
                if (row.length != width) {
                    throw new IOException(where() + ": has " + row.length + " fields, but the header has " + width);
                }
                if (row[labelColumn].isEmpty() || row[predictionColumn].isEmpty()) {
                    throw new IOException(where() + ": empty " + (row[labelColumn].isEmpty() ? "label" : "prediction"));
                }
                if (ids != null) {
                    if (row[idColumn].isEmpty()) {
                        throw new IOException(where() + ": empty id");
                    }
                    ids.add(row[idColumn]);
                }
                count++;
                return row;
            } catch (JsonProcessingException | RuntimeException e) {
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

        /** Each row's id, or null when the file has no id column. */
        String[] ids() {
            return ids == null ? null : ids.toArray(new String[0]);
        }

        int[] lines() {
            return lines.toArray();
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
