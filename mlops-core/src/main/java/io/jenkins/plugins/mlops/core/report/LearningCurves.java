package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A training's per-epoch (or per-step) history as the report draws it: one series of points per metric column of
 * the container's {@code history.csv} (read by {@link TrainingHistory}, the one reader of that file), against its
 * {@code epoch} or {@code step} column. The report draws them as learning curves,
 * putting {@code loss} and {@code val_loss} (any {@code X} with its {@code val_X}) in one chart.
 */
public final class LearningCurves {

    /** One point of a series; values may be NaN (a diverged epoch), which the chart leaves as a gap. */
    public record Point(double step, double value) {
    }

    private final String stepName;
    private final Map<String, List<Point>> series;

    private LearningCurves(String stepName, Map<String, List<Point>> series) {
        this.stepName = Objects.requireNonNull(stepName, "stepName");
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        series.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.series = Collections.unmodifiableMap(copy);
    }

    /** No history: the training wrote none. */
    public static LearningCurves none() {
        return new LearningCurves("epoch", Map.of());
    }

    /** The curves of a training's {@code history.csv}, as the shared reader read it. */
    public static LearningCurves of(TrainingHistory history) {
        if (history == null) {
            return none();
        }
        Map<String, List<Point>> series = new LinkedHashMap<>();
        history.series().forEach((name, s) -> {
            List<Point> points = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                points.add(new Point(s.index()[i], s.values()[i]));
            }
            series.put(name, points);
        });
        return new LearningCurves(history.indexColumn(), series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** {@code epoch} or {@code step}. */
    public String stepName() {
        return stepName;
    }

    /** Metric column to its points, in the file's order. */
    public Map<String, List<Point>> series() {
        return series;
    }

    /**
     * The charts to draw: each group is the metrics that share one chart. {@code X} and {@code val_X} (also
     * {@code train_X}/{@code valid_X}/{@code validation_X}/{@code test_X}) go together; everything else stands alone.
     */
    public List<List<String>> groups() {
        Map<String, List<String>> byBase = new LinkedHashMap<>();
        for (String name : series.keySet()) {
            byBase.computeIfAbsent(base(name), k -> new ArrayList<>()).add(name);
        }
        return new ArrayList<>(byBase.values());
    }

    private static String base(String name) {
        return name.replaceFirst("^(val|valid|validation|train|test)_", "");
    }
}
