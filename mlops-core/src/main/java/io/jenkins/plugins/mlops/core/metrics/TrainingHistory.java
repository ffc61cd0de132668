package io.jenkins.plugins.mlops.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training's per-epoch (or per-step) history, {@code /mlops/output/history.csv} in the container contract: a header
 * line with an {@code epoch} or {@code step} column and one column per metric, then one row per epoch — the shape
 * Keras' CSVLogger writes and DVC plots read. Each metric column becomes an ordered {@link Series}; an empty cell or
 * {@code NA} means the metric has no value at that row (a validation loss computed every fifth epoch), while
 * {@code nan}/{@code inf} are values, kept so that the gate can reject them by name ({@link #nonFiniteValues()}).
 *
 * <p>The one reader of the file: the gate's history rules and the build reports use it.
 */
public final class TrainingHistory implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The name training containers write, under their output directory. */
    public static final String FILE_NAME = "history.csv";
    /** The index columns, in order of preference when a file has both. */
    public static final List<String> INDEX_COLUMNS = List.of("epoch", "step");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();

    private final String source;
    private final String indexColumn;
    private final double[] index;
    private final LinkedHashMap<String, Series> series;

    private TrainingHistory(String source, String indexColumn, double[] index, LinkedHashMap<String, Series> series) {
        this.source = source;
        this.indexColumn = indexColumn;
        this.index = index;
        this.series = series;
    }

    /**
     * The values one metric took, in row order, with the index (epoch or step) and the file's line of each. Rows
     * where the metric had no value are left out, so {@link #values} may be shorter than the history. The arrays are
     * the history's own: read them, do not change them.
     */
    public record Series(String name, double[] index, double[] values, int[] lines) implements Serializable {

        public int size() {
            return values.length;
        }

        /** The first value; NaN when the series is empty. */
        public double first() {
            return values.length == 0 ? Double.NaN : values[0];
        }

        public double last() {
            return values.length == 0 ? Double.NaN : values[values.length - 1];
        }

        /** The smallest value; NaN when any value is NaN or the series is empty. */
        public double min() {
            double m = values.length == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            for (double v : values) {
                m = Math.min(m, v);
            }
            return m;
        }

        /** The largest value; NaN when any value is NaN or the series is empty. */
        public double max() {
            double m = values.length == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    /**
     * A NaN or infinite value in the history.
     *
     * @param column the metric's column
     * @param index  the epoch or step of its row
     * @param line   the file's line (1 is the header)
     */
    public record NonFiniteValue(String column, double index, int line, double value) implements Serializable {
    }

    /**
     * Reads {@code history.csv}.
     *
     * @throws IOException naming the file, and the line and column where a value is wrong, when it cannot be used:
     *                     missing, empty, no {@code epoch}/{@code step} column, a duplicate or empty column name, a row
     *                     with a different number of fields, a value that is not a number, an index that does not
     *                     increase from row to row
     */
    public static TrainingHistory read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("History file " + file + " is a directory, not a CSV file");
        }
        if (!Files.exists(file)) {
            throw new IOException("History file " + file + " does not exist");
        }
        try (MappingIterator<String[]> rows = open(file)) {
            return parse(file, rows);
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            // The CSV itself is broken (an unclosed quote); MappingIterator sometimes wraps that in unchecked exceptions.
            throw new IOException("Cannot read history file " + file + ": " + ReadErrors.describe(e), e);
        }
    }

    /** {@link #read} of {@code outputDir/history.csv}, or null when the training wrote none. */
    public static TrainingHistory readIfPresent(Path outputDir) throws IOException {
        Path file = outputDir.resolve(FILE_NAME);
        return Files.exists(file) ? read(file) : null;
    }

    private static MappingIterator<String[]> open(Path file) throws IOException {
        try {
            return CSV.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(file.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot read history file " + file + ": " + ReadErrors.describe(e), e);
        }
    }

    private static TrainingHistory parse(Path file, MappingIterator<String[]> rows) throws IOException {
        String where = "History file " + file;
        if (!rows.hasNextValue()) {
            throw new IOException(where + " is empty; it needs a header line such as 'epoch,loss,val_loss'"
                    + " and one row per epoch");
        }
        String[] header = rows.nextValue();
        int indexAt = indexColumn(where, header);
        int width = header.length;
        List<Column> metrics = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c != indexAt) {
                metrics.add(new Column(header[c], c));
            }
        }
        Column index = new Column(header[indexAt], indexAt);
        int line = 1;
        while (rows.hasNextValue()) {
            String[] row = rows.nextValue();
            // The row's closing token is on the row's own line, also for a last line without a newline.
            line = rows.getParser().currentTokenLocation().getLineNr();
            if (row.length != width) {
                throw new IOException(where + ", line " + line + ": has " + row.length + " fields, but the header has "
                        + width);
            }
            double at = indexValue(where, line, header[indexAt], indexAt, row[indexAt]);
            if (index.size > 0 && !(at > index.values[index.size - 1])) {
                throw new IOException(where + ", line " + line + ", column '" + header[indexAt] + "': "
                        + header[indexAt] + " " + row[indexAt] + " does not follow " + text(index.values[index.size - 1])
                        + "; rows must be in increasing " + header[indexAt] + " order");
            }
            index.add(at, at, line);
            for (Column m : metrics) {
                String cell = row[m.position];
                if (cell.isEmpty() || cell.equals("NA")) {
                    continue;
                }
                Double v = NumberText.parse(cell);
                if (v == null) {
                    throw new IOException(where + ", line " + line + ", column '" + m.name + "' (" + (m.position + 1)
                            + "): '" + cell + "' is not a number; write numbers such as 0.25, nan or inf, or leave the"
                            + " cell empty when there is no value");
                }
                m.add(v, at, line);
            }
        }
        if (index.size == 0) {
            throw new IOException(where + " has a header but no rows");
        }
        LinkedHashMap<String, Series> series = new LinkedHashMap<>();
        for (Column m : metrics) {
            series.put(m.name, m.toSeries());
        }
        return new TrainingHistory(file.toString(), header[indexAt], Arrays.copyOf(index.values, index.size), series);
    }

    private static int indexColumn(String where, String[] header) throws IOException {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (header[c].isEmpty()) {
                throw new IOException(where + ": column " + (c + 1) + " of the header line has no name");
            }
            Integer before = seen.put(header[c], c);
            if (before != null) {
                throw new IOException(where + ": column '" + header[c] + "' appears twice in the header line"
                        + " (columns " + (before + 1) + " and " + (c + 1) + ")");
            }
        }
        for (String name : INDEX_COLUMNS) {
            if (seen.containsKey(name)) {
                return seen.get(name);
            }
        }
        throw new IOException(where + " needs an 'epoch' or 'step' column in its header line; it has: "
                + String.join(", ", header));
    }

    private static double indexValue(String where, int line, String name, int position, String cell) throws IOException {
        Double v = NumberText.parse(cell);
        if (v == null || !Double.isFinite(v)) {
            throw new IOException(where + ", line " + line + ", column '" + name + "' (" + (position + 1) + "): "
                    + (cell.isEmpty() ? "empty" : "'" + cell + "' is not a finite number") + "; every row needs its "
                    + name);
        }
        return v;
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Where the history was read from, for messages. */
    public String source() {
        return source;
    }

    /** {@code epoch} or {@code step}: the column that orders the rows. */
    public String indexColumn() {
        return indexColumn;
    }

    /** Number of rows (epochs or steps). */
    public int rows() {
        return index.length;
    }

    /** The index value (epoch or step) of each row, increasing. */
    public double[] index() {
        return index.clone();
    }

    /** The metric columns, in the file's order. */
    public List<String> names() {
        return List.copyOf(series.keySet());
    }

    /** Every metric column by name, in the file's order. */
    public Map<String, Series> series() {
        return Collections.unmodifiableMap(series);
    }

    /** The column {@code name}, or null when the history has none. */
    public Series series(String name) {
        return series.get(name);
    }

    /** Every NaN or infinite value, column by column, in row order. */
    public List<NonFiniteValue> nonFiniteValues() {
        List<NonFiniteValue> out = new ArrayList<>();
        for (Series s : series.values()) {
            for (int i = 0; i < s.size(); i++) {
                if (!Double.isFinite(s.values()[i])) {
                    out.add(new NonFiniteValue(s.name(), s.index()[i], s.lines()[i], s.values()[i]));
                }
            }
        }
        return out;
    }

    /** One column while reading: values with their index and line, grown as rows arrive. */
    private static final class Column {
        final String name;
        final int position;
        double[] values = new double[64];
        double[] at = new double[64];
        int[] lines = new int[64];
        int size;

        Column(String name, int position) {
            this.name = name;
            this.position = position;
        }

        void add(double value, double index, int line) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                at = Arrays.copyOf(at, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            values[size] = value;
            at[size] = index;
            lines[size] = line;
            size++;
        }

        Series toSeries() {
            return new Series(name, Arrays.copyOf(at, size), Arrays.copyOf(values, size), Arrays.copyOf(lines, size));
        }
    }
}
