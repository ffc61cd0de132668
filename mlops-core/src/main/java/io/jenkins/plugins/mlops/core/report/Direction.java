package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.ComparisonOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Expr;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
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

    private static final String DELTA = "delta.";

    /** Whether {@code difference} (candidate minus baseline) is an improvement: true, false, or null when unknown or 0. */
    public Boolean isImprovement(Double difference) {
        if (difference == null || difference == 0 || Double.isNaN(difference) || this == UNKNOWN) {
            return null;
        }
        return (difference < 0) == (this == LOWER_IS_BETTER);
    }

    /** The direction of every metric a rule compares, read from the comparisons the rules make. */
    public static Map<String, Direction> fromRules(List<String> rules) {
        Map<String, Direction> out = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleSet parsed;
            try {
                parsed = RuleSet.parse("thresholds", List.of(rules.get(i)));
            } catch (MlopsArgumentException e) {
                continue; // a rule recorded by another version of the language: the name decides
            }
            for (Rule r : parsed.rules()) {
                collect(r.root(), out);
            }
        }
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

    private static void collect(Expr e, Map<String, Direction> out) {
        if (e instanceof Expr.Comparison c) {
            orient(c.operator(), c.left(), c.right(), out);
        } else if (e instanceof Expr.Significant s) {
            put(out, s.metric().name(), s.operator());
        } else if (e instanceof Expr.Logical l) {
            collect(l.left(), out);
            collect(l.right(), out);
        }
        // A negated condition says nothing reliable about which way is better.
    }

    /** {@code rmse < x} and {@code x > rmse} both say lower is better for rmse. */
    private static void orient(ComparisonOperator op, Expr left, Expr right, Map<String, Direction> out) {
        if (left instanceof Expr.MetricRef m && !m.baseline()) {
            put(out, m.name(), op);
        } else if (right instanceof Expr.MetricRef m && !m.baseline()) {
            put(out, m.name(), op.mirrored());
        }
    }

    private static void put(Map<String, Direction> out, String metric, ComparisonOperator op) {
        Direction d = switch (op) {
            case LT, LE -> LOWER_IS_BETTER;
            case GT, GE -> HIGHER_IS_BETTER;
            case EQ, NE -> null;
        };
        if (d != null) {
            out.merge(metric, d, (a, b) -> a == b ? a : UNKNOWN);
            if (metric.startsWith(DELTA)) {
                // delta.rmse < 0 (the paired difference) says the same of rmse itself.
                out.merge(metric.substring(DELTA.length()), d, (a, b) -> a == b ? a : UNKNOWN);
            }
        }
    }
}
