package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A training's per-epoch (or per-step) history as the report draws it: the rows of the container's
 * {@code history.csv} (read by {@link TrainingHistory}, the one reader of that file) as a small table — the
 * {@code epoch} or {@code step} of each drawn row, and per metric column its value in that row (null where the
 * file left the cell empty). The report draws the columns as learning curves, putting {@code loss} and
 * {@code val_loss} (any {@code X} with its {@code val_X}) in one chart.
 *
 * <p>Small on purpose, because a Jenkins build keeps it in its build.xml and the job page reads many of those: at
 * most {@value #MAX_ROWS} rows, evenly spaced over the history with its first and last row, and the first
 * {@value #MAX_COLUMNS} metric columns. A chart is about 500 pixels wide, so more rows would not show; the page
 * says when rows or columns were left out. The CLI's report and the Jenkins report take the same rows, so they draw
 * the same curves.
 */
public final class LearningCurves {

    /** The most rows drawn. */
    public static final int MAX_ROWS = 120;
    /** The most metric columns drawn. */
    public static final int MAX_COLUMNS = 8;

    /** One point of a series; values may be NaN (a diverged epoch), which the chart leaves as a gap. */
    public record Point(double step, double value) {
    }

    private final String stepName;
    private final List<Double> steps;
    private final Map<String, List<Double>> columns;
    private final int historyRows;
    private final int historyColumns;

    private LearningCurves(String stepName, List<Double> steps, Map<String, List<Double>> columns, int historyRows,
            int historyColumns) {
        this.stepName = Objects.requireNonNull(stepName, "stepName");
        this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            if (values.size() != steps.size()) {
                throw new IllegalArgumentException("column " + name + " has " + values.size() + " values for "
                        + steps.size() + " rows");
            }
            copy.put(name, Collections.unmodifiableList(new ArrayList<>(values)));
        });
        this.columns = Collections.unmodifiableMap(copy);
        this.historyRows = historyRows;
        this.historyColumns = historyColumns;
    }

    /** No history: the training wrote none. */
    public static LearningCurves none() {
        return new LearningCurves("epoch", List.of(), Map.of(), 0, 0);
    }

    /** The curves of a training's {@code history.csv}, as the shared reader read it: its drawn rows and columns. */
    public static LearningCurves of(TrainingHistory history) {
        if (history == null) {
            return none();
        }
        double[] index = history.index();
        int[] rows = drawnRows(index.length);
        List<Double> steps = new ArrayList<>(rows.length);
        for (int r : rows) {
            steps.add(index[r]);
        }
        Map<String, List<Double>> columns = new LinkedHashMap<>();
        for (TrainingHistory.Series s : history.series().values()) {
            if (columns.size() == MAX_COLUMNS) {
                break;
            }
            columns.put(s.name(), column(s, index, rows));
        }
        return new LearningCurves(history.indexColumn(), steps, columns, index.length, history.series().size());
    }

    /**
     * Curves as a record stored them ({@link #steps}, {@link #columns}, {@link #historyRows},
     * {@link #historyColumns}).
     *
     * @throws IllegalArgumentException when a column's length differs from the rows'
     */
    public static LearningCurves of(String stepName, List<Double> steps, Map<String, ? extends List<Double>> columns,
            int historyRows, int historyColumns) {
        return new LearningCurves(stepName, steps, new LinkedHashMap<>(columns), historyRows, historyColumns);
    }

    /** Which rows of {@code n} are drawn: all of them, or {@value #MAX_ROWS} evenly spaced with the first and last. */
    static int[] drawnRows(int n) {
        int count = Math.min(n, MAX_ROWS);
        int[] rows = new int[count];
        for (int k = 0; k < count; k++) {
            rows[k] = count == n ? k : (int) Math.round(k * (n - 1) / (double) (count - 1));
        }
        return rows;
    }

    /** The series' value in each drawn row; null where its row had no value. */
    private static List<Double> column(TrainingHistory.Series s, double[] index, int[] rows) {
        List<Double> out = new ArrayList<>(rows.length);
        int at = 0;
        for (int r : rows) {
            // Both are in increasing index order: walk the series to the drawn row's index.
            while (at < s.size() && s.index()[at] < index[r]) {
                at++;
            }
            out.add(at < s.size() && s.index()[at] == index[r] ? s.values()[at] : null);
        }
        return out;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** {@code epoch} or {@code step}. */
    public String stepName() {
        return stepName;
    }

    /** The epoch (or step) of each drawn row, increasing. */
    public List<Double> steps() {
        return steps;
    }

    /** Metric column to its value in each drawn row (null: no value in that row), in the file's order. */
    public Map<String, List<Double>> columns() {
        return columns;
    }

    /** How many rows the history has; more than {@link #steps()} holds when rows were left out. */
    public int historyRows() {
        return historyRows;
    }

    /** How many metric columns the history has; more than {@link #columns()} holds when columns were left out. */
    public int historyColumns() {
        return historyColumns;
    }

    /** Metric column to its points (rows without a value left out), in the file's order. */
    public Map<String, List<Point>> series() {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    points.add(new Point(steps.get(i), values.get(i)));
                }
            }
            out.put(name, points);
        });
        return out;
    }

    /**
     * What the charts leave out of the history, said on the page; null when they draw all of it.
     */
    public String omitted() {
        List<String> parts = new ArrayList<>();
        if (historyRows > steps.size()) {
            parts.add(Display.number((double) steps.size()) + " of its " + Display.number((double) historyRows) + " "
                    + stepName + "s, evenly spaced with the first and the last");
        }
        if (historyColumns > columns.size()) {
            parts.add("its first " + columns.size() + " of " + historyColumns + " metric columns");
        }
        return parts.isEmpty() ? null : "The charts draw " + String.join(" and ", parts) + "; history.csv has them all.";
    }

    /**
     * The charts to draw: each group is the metrics that share one chart. {@code X} and {@code val_X} (also
     * {@code train_X}/{@code valid_X}/{@code validation_X}/{@code test_X}) go together; everything else stands alone.
     */
    public List<List<String>> groups() {
        Map<String, List<String>> byBase = new LinkedHashMap<>();
        for (String name : columns.keySet()) {
            byBase.computeIfAbsent(base(name), k -> new ArrayList<>()).add(name);
        }
        return new ArrayList<>(byBase.values());
    }

    private static String base(String name) {
        return name.replaceFirst("^(val|valid|validation|train|test)_", "");
    }
}
