package io.jenkins.plugins.mlops.train;

import io.jenkins.plugins.mlops.core.report.LearningCurves;
import io.jenkins.plugins.mlops.core.train.TrainingResult;
import io.jenkins.plugins.mlops.core.train.TrainingSpec;
import io.jenkins.plugins.mlops.steps.ApiValues;
import io.jenkins.plugins.mlops.steps.BuildReportAction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One {@code mlTrain} call of a build, shown in the build's ML report and on its own page (all parameters and
 * metrics). A build has one per call that reached the engine, failed calls included.
 *
 * <p>Saved in the build's {@code build.xml} by Jenkins' XStream, so every field is a plain value, a
 * {@link LinkedHashMap} of plain values or the plugin's own {@link Curves}; the only transient field is the owning
 * build, set again on load. Builds recorded before the learning curves were kept have none.
 */
@ExportedBean
public class TrainingAction extends BuildReportAction {

    private final String callId;
    private final String name;
    private final String image;
    private final String dockerfile;
    private final String imageId;
    private final String runId;
    private final String model;
    private final String dataDigest;
    private final Integer exitCode;
    private final Long durationMillis;
    private final LinkedHashMap<String, Object> params;
    private final LinkedHashMap<String, Double> metrics;
    private final String failure;
    private final String failureMessage;
    /** The learning curves of the training's history.csv; null when it wrote none (and in older builds). */
    private final Curves curves;

    private TrainingAction(String callId, TrainingSpec spec, String imageId, String runId, String model,
                           String dataDigest, Integer exitCode, Long durationMillis, Map<String, Object> params,
                           Map<String, Double> metrics, String failure, String failureMessage, Curves curves) {
        this.callId = callId;
        this.name = spec.getName();
        this.image = spec.getImage();
        this.dockerfile = spec.getDockerfile();
        this.imageId = imageId;
        this.runId = runId;
        this.model = model;
        this.dataDigest = dataDigest;
        this.exitCode = exitCode;
        this.durationMillis = durationMillis;
        this.params = new LinkedHashMap<>(params);
        this.metrics = new LinkedHashMap<>(metrics);
        this.failure = failure;
        this.failureMessage = failureMessage;
        this.curves = curves;
    }

    public static TrainingAction succeeded(String callId, TrainingSpec spec, TrainingResult r, String model) {
        return succeeded(callId, spec, r, model, null);
    }

    /** @param curves the learning curves of its history, or null when it wrote none */
    public static TrainingAction succeeded(String callId, TrainingSpec spec, TrainingResult r, String model,
            Curves curves) {
        return new TrainingAction(callId, spec, r.imageId(), r.runId(), model, r.dataDigest(), r.exitCode(),
                r.duration().toMillis(), r.params(), r.metrics(), null, null, curves);
    }

    public static TrainingAction failed(String callId, TrainingSpec spec, TrainOnAgent.Outcome outcome) {
        return new TrainingAction(callId, spec, null, null, null, null, outcome.exitCode(), null,
                spec.effectiveParams(), Map.of(), outcome.failure(), outcome.message(), null);
    }

    /**
     * A training's learning curves as build.xml keeps them, in plain values: the drawn rows of its history.csv
     * ({@link LearningCurves} chooses them, at most {@value LearningCurves#MAX_ROWS}), or why it has none (the file
     * could not be read). Also what the agent sends back with the training's result.
     */
    public static final class Curves implements Serializable {
        private static final long serialVersionUID = 1L;

        /** {@code epoch} or {@code step}; null when there are no curves. */
        private final String index;
        private final ArrayList<Double> steps;
        /** Metric column to its value in each drawn row; a null element: no value in that row. */
        private final LinkedHashMap<String, ArrayList<Double>> columns;
        private final int historyRows;
        private final int historyColumns;
        /** Why there are no curves although the training wrote a history; null when there are. */
        private final String note;

        private Curves(LearningCurves c, String note) {
            this.index = c.isEmpty() ? null : c.stepName();
            this.steps = new ArrayList<>(c.steps());
            this.columns = new LinkedHashMap<>();
            c.columns().forEach((name, values) -> columns.put(name, new ArrayList<>(values)));
            this.historyRows = c.historyRows();
            this.historyColumns = c.historyColumns();
            this.note = note;
        }

        /** Null when there is nothing to keep: no curves and no note. */
        public static Curves of(LearningCurves curves, String note) {
            return curves.isEmpty() && note == null ? null : new Curves(curves, note);
        }

        public LearningCurves toCurves() {
            if (index == null || columns == null) {
                return LearningCurves.none();
            }
            return LearningCurves.of(index, steps, columns, historyRows, historyColumns);
        }

        public String getNote() {
            return note;
        }

        /** What the REST API shows: the index column's name, its drawn values and each metric's values. */
        Map<String, Object> forApi() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", index);
            m.put("steps", ApiValues.value(steps));
            Map<String, Object> cols = new LinkedHashMap<>();
            if (columns != null) {
                columns.forEach((name, values) -> cols.put(name, ApiValues.value(values)));
            }
            m.put("columns", cols);
            m.put("historyRows", historyRows);
            m.put("note", note);
            return m;
        }
    }

    /**
     * No entry in the build's side panel: the build's one ML report (io.jenkins.plugins.mlops.report) shows every
     * step; this record's own page stays at its URL.
     */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Training " + getTitle();
    }

    /** One action per call, so the call id keeps the URLs of several trainings in one build apart. */
    @Override
    public String getUrlName() {
        return "mlops-train-" + callId;
    }

    /** The run's name if it was given one, else what it ran. */
    public String getTitle() {
        if (name != null) {
            return name;
        }
        return image != null ? image : "built from " + dockerfile;
    }

    @Exported
    public String getCallId() {
        return callId;
    }

    @Exported
    public String getName() {
        return name;
    }

    @Exported
    public String getImage() {
        return image;
    }

    @Exported
    public String getDockerfile() {
        return dockerfile;
    }

    @Exported
    public String getImageId() {
        return imageId;
    }

    @Exported(visibility = 2)
    public String getRunId() {
        return runId;
    }

    /** The model's path relative to the workspace; null for a failed run. */
    @Exported(visibility = 2)
    public String getModel() {
        return model;
    }

    @Exported
    public String getDataDigest() {
        return dataDigest;
    }

    @Exported
    public Integer getExitCode() {
        return exitCode;
    }

    @Exported
    public Long getDurationMillis() {
        return durationMillis;
    }

    /** Duration for people: {@code 1h 2m 3s}, {@code 4.5s}; empty when unknown. */
    public String getDurationText() {
        if (durationMillis == null) {
            return "";
        }
        long ms = durationMillis;
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        long h = s / 3600;
        long m = s % 3600 / 60;
        return (h > 0 ? h + "h " : "") + m + "m " + s % 60 + "s";
    }

    public Map<String, Object> getParams() {
        return params == null ? Map.of() : Collections.unmodifiableMap(params);
    }

    public Map<String, Double> getMetrics() {
        return metrics == null ? Map.of() : Collections.unmodifiableMap(metrics);
    }

    /** The metrics as the REST API shows them ({@link ApiValues}). */
    @Exported(name = "metrics", visibility = 2)
    public Map<String, Object> getMetricsForApi() {
        return ApiValues.numbers(getMetrics());
    }

    /** The hyperparameters as the REST API shows them: a Jenkinsfile's decimals as numbers. */
    @Exported(name = "params")
    public Map<String, Object> getParamsForApi() {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) ApiValues.value(getParams());
        return v;
    }

    @Exported(visibility = 2)
    public boolean isSucceeded() {
        return failure == null;
    }

    /** The {@link io.jenkins.plugins.mlops.core.container.ContainerFailure} name; null for a successful run. */
    @Exported
    public String getFailure() {
        return failure;
    }

    @Exported
    public String getFailureMessage() {
        return failureMessage;
    }

    /** The learning curves (none for a training without history, and in builds recorded before they were kept). */
    public LearningCurves getLearningCurves() {
        return curves == null ? LearningCurves.none() : curves.toCurves();
    }

    /** Why there are no curves although the training wrote a history, or null. */
    public String getLearningCurvesNote() {
        return curves == null ? null : curves.getNote();
    }

    /** The drawn rows of the training's history.csv, as the REST API shows them; null without one. */
    @Exported(name = "history")
    public Map<String, Object> getHistoryForApi() {
        return curves == null ? null : curves.forApi();
    }
}
