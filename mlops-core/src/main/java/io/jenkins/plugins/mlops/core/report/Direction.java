package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.validate.RuleOrientation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which way a metric gets better, so that a difference can say "better" or "worse" in words beside its sign. Taken
 * from the gate's own rules first ({@code rmse < 0.9} says lower is better), then from the metric's name for the
 * common ones (loss, error, rmse, accuracy, f1...), else unknown — and then the page says neither.
 */
public enum Direction {
    LOWER_IS_BETTER, HIGHER_IS_BETTER, UNKNOWN;

    /** Whether {@code difference} (candidate minus baseline) is an improvement: true, false, or null when unknown or 0. */
    public Boolean isImprovement(Double difference) {
        if (difference == null || difference == 0 || Double.isNaN(difference) || this == UNKNOWN) {
            return null;
        }
        return (difference < 0) == (this == LOWER_IS_BETTER);
    }

    /** The direction of every metric the rules compare, as the gate's rules say it ({@link RuleOrientation}). */
    public static Map<String, Direction> fromRules(List<String> rules) {
        Map<String, Direction> out = new HashMap<>();
        RuleOrientation.lowerIsBetter(rules).forEach((m, lower) -> out.put(m, lower ? LOWER_IS_BETTER : HIGHER_IS_BETTER));
        return out;
    }

    /** From the rules where they say, else from the name. */
    public static Direction of(String metric, Map<String, Direction> fromRules) {
        Direction d = fromRules.get(metric);
        return d != null ? d : byName(metric);
    }

    /** The usual meaning of a metric's last name part: {@code eval.rmse} is an error, {@code val_accuracy} a score. */
    static Direction byName(String metric) {
        String n = metric.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        n = dot >= 0 ? n.substring(dot + 1) : n;
        n = n.replaceFirst("^(val|valid|validation|test|train|eval)_", "");
        for (String lower : new String[] {"loss", "error", "err", "rmse", "mse", "mae", "mape", "logloss", "perplexity",
            "wer", "cer", "latency", "seconds", "fpr", "fnr"}) {
            if (n.equals(lower) || n.endsWith("_" + lower)) {
                return LOWER_IS_BETTER;
            }
        }
        for (String higher : new String[] {"accuracy", "acc", "f1", "auc", "roc_auc", "precision", "recall", "r2",
            "map", "ndcg", "bleu", "rouge", "iou", "dice", "top1", "top5"}) {
            if (n.equals(higher) || n.endsWith("_" + higher)) {
                return HIGHER_IS_BETTER;
            }
        }
        return UNKNOWN;
    }
}
