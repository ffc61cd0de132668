package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.CloseNames;

import io.jenkins.plugins.mlops.core.validate.rules.ArithmeticOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Expr;
import io.jenkins.plugins.mlops.core.validate.rules.LogicalOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.stats.ConfidenceInterval;
import io.jenkins.plugins.mlops.core.validate.stats.MetricEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks one parsed rule against the candidate's metrics and the baseline. Every metric the rule names is looked up
 * before anything is evaluated, so a missing or non-finite metric fails the rule even where {@code ||} would not
 * have reached it: a gate must never pass because it could not look.
 */
final class RuleEvaluator {

    private static final int LISTED_NAMES = 25;

    private final Map<String, Double> metrics;
    private final Baseline baseline;
    private final Map<String, MetricEstimate> estimates;
    private final double confidence;

    RuleEvaluator(Map<String, Double> metrics, Baseline baseline, Map<String, MetricEstimate> estimates, double confidence) {
        this.metrics = metrics;
        this.baseline = baseline;
        this.estimates = estimates;
        this.confidence = confidence;
    }

    RuleResult evaluate(Rule rule) {
        return new Evaluation(rule).run();
    }

    /** Raised while evaluating when an intermediate result is not a finite number. */
    private static final class NotFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFinite(String message) {
            super(message, null, false, false);
        }
    }

    /** The state of one rule's evaluation. */
    private final class Evaluation {
        private final Rule rule;
        private final Map<String, Double> inputs = new LinkedHashMap<>();
        private Double value;
        private Double threshold;
        private Double baselineValue;
        private ConfidenceInterval interval;

        Evaluation(Rule rule) {
            this.rule = rule;
        }

        RuleResult run() {
            for (Expr.MetricRef m : rule.metrics()) {
                Double v = lookup(m);
                if (v != null) {
                    inputs.put(m.displayName(), v);
                    if (m.baseline() && baselineValue == null) {
                        baselineValue = v;
                    }
                }
            }
            sides();
            for (Expr.MetricRef m : rule.metrics()) {
                if (!m.baseline() && !metrics.containsKey(m.name())) {
                    return result(RuleStatus.FAILED, missing(m.name()));
                }
            }
            if (rule.usesBaseline() && !baseline.isPresent()) {
                return result(RuleStatus.SKIPPED, "skipped: no baseline to compare with (" + baseline.getDescription() + ")");
            }
            for (Expr.MetricRef m : rule.metrics()) {
                if (m.baseline() && !baseline.getMetrics().containsKey(m.name())) {
                    return result(RuleStatus.SKIPPED, "skipped: the baseline (" + baseline.getDescription()
                            + ") has no metric '" + m.name() + "'; it has: " + listNames(baseline.getMetrics().keySet()));
                }
            }
            for (Expr.MetricRef m : rule.metrics()) {
                double v = lookup(m);
                if (!Double.isFinite(v)) {
                    String what = m.baseline() ? m.displayName() + " (" + baseline.getDescription() + ")" : "metric '" + m.name() + "'";
                    return result(RuleStatus.FAILED, what + " is " + (Double.isNaN(v) ? "NaN" : "infinite (" + Numbers.format(v) + ")"));
                }
            }
            for (Expr.Significant s : rule.significanceTests()) {
                if (!estimates.containsKey(s.metric().name())) {
                    return result(RuleStatus.FAILED, noInterval(s.metric().name()));
                }
            }
            try {
                boolean holds = test(rule.root());
                return result(holds ? RuleStatus.PASSED : RuleStatus.FAILED, holds ? explainTrue(rule.root()) : explainFalse(rule.root()));
            } catch (NotFinite e) {
                return result(RuleStatus.FAILED, e.getMessage());
            }
        }

        /** Value and threshold of a top-level comparison, for the report, computed where the inputs allow. */
        private void sides() {
            Expr root = rule.root();
            if (root instanceof Expr.Comparison c) {
                value = tryNumber(c.left());
                threshold = tryNumber(c.right());
            } else if (root instanceof Expr.Significant s) {
                value = tryNumber(s.metric());
                threshold = tryNumber(s.bound());
            }
        }

        private Double tryNumber(Expr e) {
            try {
                for (Expr.MetricRef m : Rule.metricsIn(e)) {
                    Double v = lookup(m);
                    if (v == null || !Double.isFinite(v)) {
                        return v;
                    }
                }
                return number(e);
            } catch (NotFinite ex) {
                return null;
            }
        }

        private RuleResult result(RuleStatus status, String reason) {
            return new RuleResult(rule.text(), status, value, threshold, baselineValue,
                    interval == null ? null : interval.low(), interval == null ? null : interval.high(),
                    interval == null ? null : interval.level(), reason, inputs);
        }

        private Double lookup(Expr.MetricRef m) {
            return m.baseline() ? baseline.getMetrics().get(m.name()) : metrics.get(m.name());
        }

        private double number(Expr e) {
            if (e instanceof Expr.NumberLiteral n) {
                return n.value();
            } else if (e instanceof Expr.MetricRef m) {
                return lookup(m);
            } else if (e instanceof Expr.Negate n) {
                return -number(n.operand());
            } else if (e instanceof Expr.Arithmetic a) {
                double l = number(a.left());
                double r = number(a.right());
                double v = a.operator().apply(l, r);
                if (!Double.isFinite(v)) {
                    String why = a.operator() == ArithmeticOperator.DIVIDE && r == 0 ? "division by zero" : "overflow";
                    throw new NotFinite("'" + rule.textOf(e) + "' is " + Numbers.format(v) + " (" + why + ")");
                }
                return v;
            } else if (e instanceof Expr.FunctionCall f) {
                double[] args = new double[f.arguments().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = number(f.arguments().get(i));
                }
                return f.function().apply(args);
            }
            throw new IllegalStateException("not a number: " + rule.textOf(e));
        }

        private boolean test(Expr e) {
            if (e instanceof Expr.Comparison c) {
                return c.operator().test(number(c.left()), number(c.right()));
            } else if (e instanceof Expr.Logical l) {
                return l.operator() == LogicalOperator.AND
                        ? test(l.left()) && test(l.right())
                        : test(l.left()) || test(l.right());
            } else if (e instanceof Expr.Not n) {
                return !test(n.operand());
            } else if (e instanceof Expr.Significant s) {
                ConfidenceInterval ci = intervalOf(s);
                double bound = number(s.bound());
                return switch (s.operator()) {
                    case LT -> ci.high() < bound;
                    case LE -> ci.high() <= bound;
                    case GT -> ci.low() > bound;
                    case GE -> ci.low() >= bound;
                    default -> throw new IllegalStateException("significant() with " + s.operator());
                };
            }
            throw new IllegalStateException("not a condition: " + rule.textOf(e));
        }

        private ConfidenceInterval intervalOf(Expr.Significant s) {
            double level = s.level() != null ? s.level() : confidence;
            ConfidenceInterval ci = estimates.get(s.metric().name()).interval(level);
            if (interval == null) {
                interval = ci;
            }
            return ci;
        }

        private String explainTrue(Expr e) {
            if (e instanceof Expr.Comparison c) {
                return describe(c.left()) + " " + c.operator().symbol() + " " + describe(c.right());
            } else if (e instanceof Expr.Significant s) {
                return significance(s, true);
            }
            return "holds: " + inputsText();
        }

        private String explainFalse(Expr e) {
            if (e instanceof Expr.Comparison c) {
                return describe(c.left()) + " is not " + c.operator().symbol() + " " + describe(c.right());
            } else if (e instanceof Expr.Significant s) {
                return significance(s, false);
            } else if (e instanceof Expr.Logical l && l.operator() == LogicalOperator.AND) {
                List<String> failed = new ArrayList<>();
                for (Expr part : operands(l, LogicalOperator.AND)) {
                    if (!test(part)) {
                        failed.add(explainFalse(part));
                    }
                }
                return String.join("; ", failed);
            } else if (e instanceof Expr.Logical l) {
                List<String> failed = new ArrayList<>();
                for (Expr part : operands(l, LogicalOperator.OR)) {
                    failed.add(explainFalse(part));
                }
                return (failed.size() == 2 ? "neither holds: " : "none holds: ") + String.join("; ", failed);
            } else if (e instanceof Expr.Not n) {
                return "'" + rule.textOf(n.operand()) + "' holds (" + inputsText() + ")";
            }
            return "does not hold: " + inputsText();
        }

        /** {@code a && b && c} as [a, b, c], however it nests. */
        private List<Expr> operands(Expr e, LogicalOperator op) {
            List<Expr> out = new ArrayList<>();
            if (e instanceof Expr.Logical l && l.operator() == op) {
                out.addAll(operands(l.left(), op));
                out.addAll(operands(l.right(), op));
            } else {
                out.add(e);
            }
            return out;
        }

        private String significance(Expr.Significant s, boolean holds) {
            ConfidenceInterval ci = intervalOf(s);
            String pct = Numbers.format(ci.level() * 100) + "%";
            String op = s.operator().symbol();
            String head = s.metric().name() + " = " + Numbers.format(estimates.get(s.metric().name()).value())
                    + ", " + pct + " CI [" + Numbers.format(ci.low()) + ", " + Numbers.format(ci.high()) + "]";
            String bound = describe(s.bound());
            return holds
                    ? head + " lies entirely " + op + " " + bound + ": significant at " + pct
                    : head + " does not lie entirely " + op + " " + bound + ": not significant at " + pct;
        }

        private String describe(Expr e) {
            double v = number(e);
            if (e instanceof Expr.NumberLiteral) {
                return Numbers.format(v);
            }
            String name = e instanceof Expr.MetricRef m ? m.displayName() : rule.textOf(e);
            return name + " = " + Numbers.format(v);
        }

        private String inputsText() {
            List<String> parts = new ArrayList<>();
            inputs.forEach((k, v) -> parts.add(k + " = " + Numbers.format(v)));
            return String.join(", ", parts);
        }
    }

    private String missing(String name) {
        if (metrics.isEmpty()) {
            return "metric '" + name + "' is missing; no metrics were given";
        }
        return "metric '" + name + "' is missing" + CloseNames.hint(name, metrics.keySet())
                + "; the metrics are: " + listNames(metrics.keySet());
    }

    private String noInterval(String name) {
        if (estimates.isEmpty()) {
            return "significant() needs per-example predictions to compute a confidence interval for '" + name
                    + "'; give a predictions file (predictions.csv with label and prediction columns)";
        }
        return "significant() has no confidence interval for '" + name + "'; intervals exist for the metrics"
                + " computed from predictions: " + String.join(", ", estimates.keySet());
    }

    private static String listNames(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return "(none)";
        }
        TreeSet<String> sorted = new TreeSet<>(names);
        List<String> shown = new ArrayList<>();
        for (String n : sorted) {
            if (shown.size() == LISTED_NAMES) {
                shown.add(String.format(Locale.ROOT, "and %d more", sorted.size() - LISTED_NAMES));
                break;
            }
            shown.add(n);
        }
        return String.join(", ", shown);
    }
}
