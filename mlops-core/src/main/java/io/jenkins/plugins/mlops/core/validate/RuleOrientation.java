package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import io.jenkins.plugins.mlops.core.validate.rules.ComparisonOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Expr;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which way the gate's rules want each metric to go, read from their comparisons: {@code rmse < 0.9} and
 * {@code significant(rmse < baseline.rmse)} want rmse lower, {@code accuracy >= 0.8} wants accuracy higher, and
 * {@code delta.rmse < 0} (the paired difference) says the same of rmse. The reports use it to call a difference
 * better or worse.
 */
public final class RuleOrientation {

    private static final String DELTA = "delta.";

    private RuleOrientation() {
    }

    /**
     * Metric name to true (the rules want it lower) or false (higher). A metric the rules compare both ways, or
     * only with {@code ==}/{@code !=}, is left out; a rule that does not parse (recorded by another version of the
     * language) is skipped.
     */
    public static Map<String, Boolean> lowerIsBetter(List<String> rules) {
        Map<String, Boolean> out = new HashMap<>();
        Set<String> conflicting = new HashSet<>();
        for (String text : rules) {
            RuleSet parsed;
            try {
                parsed = RuleSet.parse("thresholds", List.of(text));
            } catch (MlopsArgumentException e) {
                continue;
            }
            for (Rule r : parsed.rules()) {
                collect(r.root(), out, conflicting);
            }
        }
        conflicting.forEach(out::remove);
        return out;
    }

    private static void collect(Expr e, Map<String, Boolean> out, Set<String> conflicting) {
        if (e instanceof Expr.Comparison c) {
            if (c.left() instanceof Expr.MetricRef m && !m.baseline()) {
                put(out, conflicting, m.name(), c.operator());
            } else if (c.right() instanceof Expr.MetricRef m && !m.baseline()) {
                put(out, conflicting, m.name(), c.operator().mirrored());
            }
        } else if (e instanceof Expr.Significant s) {
            put(out, conflicting, s.metric().name(), s.operator());
        } else if (e instanceof Expr.Logical l) {
            collect(l.left(), out, conflicting);
            collect(l.right(), out, conflicting);
        }
        // A negated condition says nothing reliable about which way is better.
    }

    private static void put(Map<String, Boolean> out, Set<String> conflicting, String metric, ComparisonOperator op) {
        Boolean lower = switch (op) {
            case LT, LE -> true;
            case GT, GE -> false;
            case EQ, NE -> null;
        };
        if (lower == null) {
            return;
        }
        mark(out, conflicting, metric, lower);
        if (metric.startsWith(DELTA)) {
            mark(out, conflicting, metric.substring(DELTA.length()), lower);
        }
    }

    private static void mark(Map<String, Boolean> out, Set<String> conflicting, String metric, boolean lower) {
        Boolean before = out.putIfAbsent(metric, lower);
        if (before != null && before != lower) {
            conflicting.add(metric);
        }
    }
}
