package io.jenkins.plugins.mlops.report;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.report.Direction;
import io.jenkins.plugins.mlops.core.report.GateSection;
import io.jenkins.plugins.mlops.core.report.Mark;
import io.jenkins.plugins.mlops.core.report.MetricTrend;
import io.jenkins.plugins.mlops.core.validate.GateVerdict;
import io.jenkins.plugins.mlops.train.TrainingAction;
import io.jenkins.plugins.mlops.validate.ValidationAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The core's metric trend of a job, made from its builds' step records: per build the metrics its last gate checked
 * (else its last successful training's), marked by that gate; the metrics drawn are those the gates checked; the
 * production line is the registered model the newest gate compared with, when it compared with one.
 */
final class BuildTrends {

    /** Builds with ML records a trend shows: enough to see a direction, few enough to read on a job page. */
    static final int MAX_BUILDS = 50;
    /** Builds a trend looks at in all, records or not: each one Jenkins may have to load from disk. */
    static final int MAX_WALKED = 200;

    private BuildTrends() {
    }

    /** Whether one of the job's newest {@code depth} builds has step records. */
    static boolean hasRecords(Job<?, ?> job, int depth) {
        Run<?, ?> r = job.getLastBuild();
        for (int i = 0; r != null && i < depth; i++, r = r.getPreviousBuild()) {
            if (BuildReports.hasRecords(r)) {
                return true;
            }
        }
        return false;
    }

    /** @param hrefToBuild the report of build {@code n} relative to the page showing the trend */
    static MetricTrend of(Job<?, ?> job, java.util.function.IntFunction<String> hrefToBuild) {
        List<MetricTrend.Point> points = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        Map<String, Direction> directions = new LinkedHashMap<>();
        MetricTrend.Production production = null;
        Run<?, ?> r = job.getLastBuild();
        for (int i = 0, walked = 0; r != null && i < MAX_BUILDS && walked < MAX_WALKED; r = r.getPreviousBuild(), walked++) {
            ValidationAction gate = null;
            TrainingAction training = null;
            // The persisted list only: getActions(Class) would also ask the transient factories.
            for (Action a : r.getActions()) {
                if (a instanceof ValidationAction v) {
                    gate = v;
                } else if (a instanceof TrainingAction t && t.isSucceeded()) {
                    training = t;
                }
            }
            if (gate == null && training == null) {
                continue;
            }
            i++;
            Map<String, Double> values = gate != null ? gate.getMetrics() : training.getMetrics();
            Mark mark = gate == null ? Mark.UNKNOWN : gate.isPassed() ? Mark.PASSED : Mark.FAILED;
            points.add(new MetricTrend.Point("#" + r.getNumber(), hrefToBuild.apply(r.getNumber()), values, mark));
            if (gate != null) {
                GateSection g = GateSection.of(gate.getVerdict());
                checked.addAll(g.checkedMetrics());
                Direction.fromRules(g.ruleTexts()).forEach(directions::putIfAbsent);
                GateVerdict v = gate.getVerdict();
                // Baseline descriptions of registered models read "model name@alias (vN)" (core's RegistryBaselines).
                if (production == null && v.isBaselineAvailable() && v.getBaselineDescription().startsWith("model ")) {
                    production = new MetricTrend.Production(v.getBaselineDescription().substring("model ".length()),
                            v.getBaselineMetrics());
                }
            }
        }
        Collections.reverse(points);
        return new MetricTrend("Metric trend", MetricTrend.defaultMetrics(new ArrayList<>(checked), points), points,
                production, directions);
    }
}
