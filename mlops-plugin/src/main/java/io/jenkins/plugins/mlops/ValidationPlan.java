package io.jenkins.plugins.mlops;

import io.jenkins.plugins.mlops.core.validate.FailureMode;
import io.jenkins.plugins.mlops.core.validate.GateOptions;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code mlValidate} call's arguments once checked: parsed rules, gate options, where the metrics and the
 * baseline come from. Built in {@code Step.start} so that nothing runs with a wrong argument; serializable because
 * it travels to the agent that holds the workspace.
 */
final class ValidationPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The value of {@code compareTo} that means the last successful build of the same job. */
    static final String PREVIOUS = "previous";

    final RuleSet rules;
    final ArrayList<String> thresholds;
    final GateOptions options;
    final FailureMode onFailure;
    /** Null when not given. */
    final LinkedHashMap<String, Double> metrics;
    final String metricsFile;
    final String predictions;
    final String image;
    /** {@code /bin/sh -c <command>}, or null for the image's CMD. */
    final ArrayList<String> command;
    final String model;
    final ArrayList<String> data;
    final String compareTo;
    /** Null when not given. */
    final LinkedHashMap<String, Double> baseline;
    final String name;
    final String registry;

    ValidationPlan(RuleSet rules, List<String> thresholds, GateOptions options, FailureMode onFailure,
            Map<String, Double> metrics, String metricsFile, String predictions, String image, List<String> command,
            String model, List<String> data, String compareTo, Map<String, Double> baseline, String name,
            String registry) {
        this.rules = rules;
        this.thresholds = new ArrayList<>(thresholds);
        this.options = options;
        this.onFailure = onFailure;
        this.metrics = metrics == null ? null : new LinkedHashMap<>(metrics);
        this.metricsFile = metricsFile;
        this.predictions = predictions;
        this.image = image;
        this.command = command == null ? null : new ArrayList<>(command);
        this.model = model;
        this.data = data == null ? null : new ArrayList<>(data);
        this.compareTo = compareTo;
        this.baseline = baseline == null ? null : new LinkedHashMap<>(baseline);
        this.name = name;
        this.registry = registry;
    }

    boolean runsEvaluation() {
        return image != null;
    }

    List<String> getThresholds() {
        return Collections.unmodifiableList(thresholds);
    }
}
