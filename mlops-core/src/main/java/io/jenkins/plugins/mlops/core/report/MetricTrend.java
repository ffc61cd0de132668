package io.jenkins.plugins.mlops.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chosen metrics across builds (or across a model's registered versions): one chart per metric, one point per
 * build that reported it, each point linking to that build's report and marked when its gate failed, and the
 * production model's value drawn as a line where it is known.
 *
 * @param title      e.g. "Metric trend" or the model's name
 * @param metrics    the metrics to draw, one chart each, in order
 * @param points     oldest first
 * @param production the model serving in production (the baseline a gate compares with), or null when unknown
 * @param directions which way each metric gets better (from the gates' rules), for the charts' captions
 */
public record MetricTrend(String title, List<String> metrics, List<Point> points, Production production,
        Map<String, Direction> directions) {

    public MetricTrend {
        Objects.requireNonNull(title, "title");
        metrics = List.copyOf(metrics);
        points = List.copyOf(points);
        directions = Collections.unmodifiableMap(new LinkedHashMap<>(directions));
    }

    /**
     * One build or version.
     *
     * @param label  the x axis label, {@code #12} or {@code v3}
     * @param href   its report (a build's report page, a version's page), or null for no link
     * @param values its metrics
     * @param gate   its gate: FAILED points are drawn as crosses, UNKNOWN when it had none
     */
    public record Point(String label, String href, Map<String, Double> values, Mark gate) {
        public Point {
            Objects.requireNonNull(label, "label");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            gate = gate == null ? Mark.UNKNOWN : gate;
        }
    }

    /**
     * The model in production and its metrics, e.g. {@code movie_predictor v3}.
     *
     * @param label  what the line's caption says
     * @param values its metrics
     */
    public record Production(String label, Map<String, Double> values) {
        public Production {
            Objects.requireNonNull(label, "label");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * The metrics to draw when nobody chose: those the gates checked ({@code checked}, in order), else every
     * metric the points report, in the order they first appear.
     */
    public static List<String> defaultMetrics(List<String> checked, List<Point> points) {
        Set<String> out = new LinkedHashSet<>();
        for (String m : checked) {
            if (points.stream().anyMatch(p -> p.values().containsKey(m))) {
                out.add(m);
            }
        }
        if (out.isEmpty()) {
            for (Point p : points) {
                for (String m : p.values().keySet()) {
                    if (!m.endsWith(GateSection.CI_LOW) && !m.endsWith(GateSection.CI_HIGH)) {
                        out.add(m);
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
