package io.jenkins.plugins.mlops.core.validate;

import io.jenkins.plugins.mlops.core.CloseNames;
import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import io.jenkins.plugins.mlops.core.validate.rules.ArithmeticOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Expr;
import io.jenkins.plugins.mlops.core.validate.rules.LogicalOperator;
import io.jenkins.plugins.mlops.core.validate.rules.Rule;
import io.jenkins.plugins.mlops.core.validate.stats.BootstrapDistribution;
import io.jenkins.plugins.mlops.core.validate.stats.ConfidenceInterval;
import io.jenkins.plugins.mlops.core.validate.stats.Resamples;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Checks parsed rules against the candidate's metrics and the baseline. Every metric a rule names is looked up
 * before anything is evaluated, so a missing or non-finite metric fails the rule even where {@code ||} would not
 * have reached it: a gate must never pass because it could not look.
 *
 * <p>The {@code significant()} tests of all rules form one family: they are decided first, together, so that a
 * {@link Correction} can adjust their levels, and then every rule is evaluated with those decisions.
 */
final class RuleEvaluator {

    /** Prefix of the paired differences {@code delta.<metric> = <metric> - baseline.<metric>}. */
    static final String DELTA = "delta.";
    private static final int LISTED_NAMES = 25;
    /** Fewer resamples than this beyond an interval's bound make the bound itself noisy; the verdict says so. */
    private static final double FEW_RESAMPLES_IN_TAIL = 10;

    private final Map<String, Double> metrics;
    private final Baseline baseline;
    private final Resamples resamples;
    private final TrainingHistory history;
    private final GateOptions options;
    private final IdentityHashMap<Expr.Significant, Test> tests = new IdentityHashMap<>();
    private final List<Test> family = new ArrayList<>();

    /**
     * @param resamples the metrics computed from predictions with their resamples; null without predictions
     * @param history   the training history {@code history.*} reads; null when there is none
     */
    RuleEvaluator(Map<String, Double> metrics, Baseline baseline, Resamples resamples, TrainingHistory history,
            GateOptions options) {
        this.metrics = metrics;
        this.baseline = baseline;
        this.resamples = resamples;
        this.history = history;
        this.options = options;
    }

    /** Evaluates every rule; the significant() tests of the rules that can be evaluated are decided together. */
    List<RuleResult> evaluate(List<Rule> rules) {
        List<Evaluation> evaluations = new ArrayList<>();
        List<RuleResult> early = new ArrayList<>();
        for (Rule rule : rules) {
            Evaluation e = new Evaluation(rule);
            RuleResult r = e.precheck();
            evaluations.add(e);
            early.add(r);
            if (r == null) {
                for (Expr.Significant s : rule.significanceTests()) {
                    Test t = new Test(s, e);
                    tests.put(s, t);
                    family.add(t);
                }
            }
        }
        decide();
        List<RuleResult> out = new ArrayList<>();
        for (int i = 0; i < evaluations.size(); i++) {
            out.add(early.get(i) != null ? early.get(i) : evaluations.get(i).finish());
        }
        return out;
    }

    /** How many significant() tests were decided. */
    int testCount() {
        return family.size();
    }

    /**
     * The largest chance that at least one significant() test reports a difference that is not there, whatever the
     * dependence between the tests: the sum of their one-sided levels (capped at 1) without a correction (Bonferroni's
     * inequality), the largest one-sided level with one. Null without tests.
     */
    Double familyWiseErrorBound() {
        if (family.isEmpty()) {
            return null;
        }
        double sum = 0;
        double max = 0;
        for (Test t : family) {
            sum += t.alpha();
            max = Math.max(max, t.alpha());
        }
        return options.getCorrection() == Correction.NONE ? Math.min(1, sum) : max;
    }

    /** Tests whose interval rests on fewer than 10 resamples beyond a bound: the level at which that happened, or null. */
    Double thinnestTailLevel() {
        Double thinnest = null;
        for (Test t : family) {
            double tail = (1 - t.usedLevel) / 2 * resamples.resamples();
            if (tail < FEW_RESAMPLES_IN_TAIL && (thinnest == null || t.usedLevel > thinnest)) {
                thinnest = t.usedLevel;
            }
        }
        return thinnest;
    }

    /** Decides every test of the family at the level its correction gives it. */
    private void decide() {
        int m = family.size();
        switch (options.getCorrection()) {
            case NONE -> family.forEach(t -> t.decideAt(t.level));
            case BONFERRONI -> family.forEach(t -> t.decideAt(t.adjustedLevel(m)));
            case HOLM -> {
                // Step-down in rounds: every test that holds at alpha/m' is accepted at once (these are the smallest
                // p-values), then the rest are tried at alpha/(m' - accepted), until a round accepts none.
                List<Test> remaining = new ArrayList<>(family);
                while (!remaining.isEmpty()) {
                    int left = remaining.size();
                    List<Test> accepted = new ArrayList<>();
                    for (Test t : remaining) {
                        if (t.decideAt(t.adjustedLevel(left))) {
                            accepted.add(t);
                        }
                    }
                    if (accepted.isEmpty()) {
                        break;
                    }
                    remaining.removeAll(accepted);
                }
            }
            default -> throw new IllegalStateException(options.getCorrection().name());
        }
    }

    /** Raised while evaluating when an intermediate result is not a finite number. */
    private static final class NotFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFinite(String message) {
            super(message, null, false, false);
        }
    }

    /** The resampled value of a metric as a function of the metric vector, or null when it is not resampled. */
    private ToDoubleFunction<double[]> resampled(Expr.MetricRef m) {
        if (resamples == null) {
            return null;
        }
        if (m.baseline()) {
            String name = Resamples.BASELINE + m.name();
            if (!resamples.paired() || !resamples.has(name)) {
                return null;
            }
            int b = resamples.indexOf(name);
            return v -> v[b];
        }
        if (resamples.has(m.name())) {
            int c = resamples.indexOf(m.name());
            return v -> v[c];
        }
        if (m.name().startsWith(DELTA)) {
            String base = m.name().substring(DELTA.length());
            if (resamples.paired() && resamples.has(base) && resamples.has(Resamples.BASELINE + base)) {
                int c = resamples.indexOf(base);
                int b = resamples.indexOf(Resamples.BASELINE + base);
                return v -> v[c] - v[b];
            }
        }
        return null;
    }

    /**
     * One significant() test: its comparison as a statistic whose interval is checked against a target. Paired
     * when a side is resampled with the metric (the baseline's metrics on the same examples, a delta, the majority
     * class): the statistic is then {@code metric - bound} on every resample and the target 0. Otherwise the
     * statistic is the metric and the target the bound's value.
     */
    private final class Test {
        final Expr.Significant s;
        final Evaluation owner;
        /** Two-sided level as written, or the gate's. */
        final double level;
        /** {@code paired}, {@code unpaired} (a recorded baseline value) or {@code fixed} (a number). */
        final String comparison;
        final BootstrapDistribution distribution;
        final double target;
        ConfidenceInterval interval;
        boolean holds;
        double usedLevel;

        Test(Expr.Significant s, Evaluation owner) {
            this.s = s;
            this.owner = owner;
            this.level = s.level() != null ? s.level() : options.getConfidence();
            ToDoubleFunction<double[]> metric = resampled(s.metric());
            boolean joint = s.metric().name().startsWith(DELTA)
                    || Rule.metricsIn(s.bound()).stream().anyMatch(m -> resampled(m) != null);
            if (joint) {
                ToDoubleFunction<double[]> bound = owner.resampledNumber(s.bound());
                this.distribution = resamples.distribution(v -> metric.applyAsDouble(v) - bound.applyAsDouble(v));
                this.target = 0;
                this.comparison = "paired";
            } else {
                this.distribution = resamples.distribution(s.metric().name());
                this.target = owner.number(s.bound());
                boolean recorded = Rule.metricsIn(s.bound()).stream().anyMatch(Expr.MetricRef::baseline);
                this.comparison = recorded ? "unpaired" : "fixed";
            }
        }

        /** One-sided level of the test. */
        double alpha() {
            return (1 - level) / 2;
        }

        /** The two-sided level that gives this test one-sided level alpha/m. */
        double adjustedLevel(int m) {
            return 1 - (1 - level) / m;
        }

        boolean decideAt(double lvl) {
            usedLevel = lvl;
            interval = distribution.interval(lvl);
            holds = switch (s.operator()) {
                case LT -> interval.high() < target;
                case LE -> interval.high() <= target;
                case GT -> interval.low() > target;
                case GE -> interval.low() >= target;
                default -> throw new IllegalStateException("significant() with " + s.operator());
            };
            return holds;
        }

        boolean paired() {
            return comparison.equals("paired");
        }
    }

    /** The state of one rule's evaluation. */
    private final class Evaluation {
        private final Rule rule;
        private final Map<String, Double> inputs = new LinkedHashMap<>();
        private Double value;
        private Double threshold;
        private Double baselineValue;
        private Test firstTest;

        Evaluation(Rule rule) {
            this.rule = rule;
        }

        /** The result when the rule cannot be evaluated (missing, non-finite, no baseline, no interval), else null. */
        RuleResult precheck() {
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
            String historyProblem = historyProblem();
            if (historyProblem != null) {
                return result(RuleStatus.FAILED, historyProblem);
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
                    return result(RuleStatus.FAILED, what + " is " + nonFinite(v));
                }
            }
            for (Expr.Significant s : rule.significanceTests()) {
                if (resampled(s.metric()) == null) {
                    return result(RuleStatus.FAILED, noInterval(s.metric().name()));
                }
            }
            try {
                for (Expr.Significant s : rule.significanceTests()) {
                    number(s.bound());
                }
            } catch (NotFinite e) {
                return result(RuleStatus.FAILED, e.getMessage());
            }
            return null;
        }

        /**
         * Why the rule's {@code history.*} cannot be read — no history, no such column, too few or non-finite values —
         * or null; records the values it reads among the rule's inputs.
         */
        private String historyProblem() {
            for (Expr ref : rule.historyReferences()) {
                String column = ref instanceof Expr.HistoryValue h ? h.column() : ((Expr.Trend) ref).column();
                String spelled = rule.textOf(ref);
                if (history == null) {
                    return "'" + spelled + "' reads the training history, but there is none: a training writes it as"
                            + " /mlops/output/" + TrainingHistory.FILE_NAME + " (docs/container-contract.md)";
                }
                TrainingHistory.Series series = history.series(column);
                if (series == null) {
                    return "the training history has no column '" + column + "'" + CloseNames.hint(column, history.names())
                            + "; its columns are: " + listNames(history.names());
                }
                if (series.size() == 0) {
                    return "history." + column + " has no values (every cell of its column is empty)";
                }
                if (ref instanceof Expr.HistoryValue h) {
                    double v = h.statistic().of(series);
                    inputs.put(h.displayName(), v);
                    if (!Double.isFinite(v)) {
                        return h.displayName() + " is " + nonFinite(v) + firstNonFinite(series);
                    }
                } else {
                    Expr.Trend t = (Expr.Trend) ref;
                    if (series.size() < t.epochs() + 1) {
                        return t.seriesName() + " has " + series.size() + (series.size() == 1 ? " value" : " values")
                                + "; " + spelled + " needs " + (t.epochs() + 1) + " (the last " + t.epochs()
                                + (t.epochs() == 1 ? " epoch" : " epochs") + " and the one before)";
                    }
                    for (int i = series.size() - t.epochs() - 1; i < series.size(); i++) {
                        if (!Double.isFinite(series.values()[i])) {
                            return t.seriesName() + " is " + nonFinite(series.values()[i]) + " at " + history.indexColumn()
                                    + " " + Numbers.format(series.index()[i]) + " (line " + series.lines()[i] + ")";
                        }
                    }
                }
            }
            return null;
        }

        private String firstNonFinite(TrainingHistory.Series series) {
            for (int i = 0; i < series.size(); i++) {
                if (!Double.isFinite(series.values()[i])) {
                    return " (" + series.name() + " is " + nonFinite(series.values()[i]) + " at " + history.indexColumn()
                            + " " + Numbers.format(series.index()[i]) + ", line " + series.lines()[i] + ")";
                }
            }
            return "";
        }

        /** Evaluates a rule that passed {@link #precheck()}, its significant() tests already decided. */
        RuleResult finish() {
            List<Expr.Significant> own = rule.significanceTests();
            if (!own.isEmpty()) {
                firstTest = tests.get(own.get(0));
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
                if (Rule.historyIn(e).stream().anyMatch(h -> history == null
                        || history.series(((Expr.HistoryValue) h).column()) == null)) {
                    return null;
                }
                return number(e);
            } catch (NotFinite ex) {
                return null;
            }
        }

        private RuleResult result(RuleStatus status, String reason) {
            ConfidenceInterval ci = firstTest == null ? null : firstTest.interval;
            return new RuleResult(rule.text(), status, value, threshold, baselineValue,
                    ci == null ? null : ci.low(), ci == null ? null : ci.high(), ci == null ? null : ci.level(),
                    firstTest == null ? null : firstTest.comparison, reason, inputs);
        }

        private Double lookup(Expr.MetricRef m) {
            return m.baseline() ? baseline.getMetrics().get(m.name()) : metrics.get(m.name());
        }

        /** The expression on all examples; a non-finite intermediate result fails the rule by name. */
        double number(Expr e) {
            if (e instanceof Expr.NumberLiteral n) {
                return n.value();
            } else if (e instanceof Expr.MetricRef m) {
                return lookup(m);
            } else if (e instanceof Expr.HistoryValue h) {
                return h.statistic().of(history.series(h.column()));
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

        /**
         * The expression as a function of the resampled metrics: metrics computed from predictions take their value
         * on the resample, everything else its value on all examples.
         */
        ToDoubleFunction<double[]> resampledNumber(Expr e) {
            if (e instanceof Expr.NumberLiteral n) {
                double v = n.value();
                return x -> v;
            } else if (e instanceof Expr.MetricRef m) {
                ToDoubleFunction<double[]> r = resampled(m);
                if (r != null) {
                    return r;
                }
                double v = lookup(m);
                return x -> v;
            } else if (e instanceof Expr.HistoryValue) {
                double v = number(e);
                return x -> v;
            } else if (e instanceof Expr.Negate n) {
                ToDoubleFunction<double[]> o = resampledNumber(n.operand());
                return x -> -o.applyAsDouble(x);
            } else if (e instanceof Expr.Arithmetic a) {
                ToDoubleFunction<double[]> l = resampledNumber(a.left());
                ToDoubleFunction<double[]> r = resampledNumber(a.right());
                ArithmeticOperator op = a.operator();
                return x -> op.apply(l.applyAsDouble(x), r.applyAsDouble(x));
            } else if (e instanceof Expr.FunctionCall f) {
                List<ToDoubleFunction<double[]>> args = new ArrayList<>();
                f.arguments().forEach(a -> args.add(resampledNumber(a)));
                return x -> {
                    double[] values = new double[args.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = args.get(i).applyAsDouble(x);
                    }
                    return f.function().apply(values);
                };
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
                return tests.get(s).holds;
            } else if (e instanceof Expr.Trend t) {
                return worsening(t) < 0;
            }
            throw new IllegalStateException("not a condition: " + rule.textOf(e));
        }

        /** The index in the column of the first of the trend's last epochs that got worse, or -1 when none did. */
        private int worsening(Expr.Trend t) {
            double[] v = history.series(t.column()).values();
            for (int i = v.length - t.epochs(); i < v.length; i++) {
                if (t.decreasing() ? v[i] > v[i - 1] : v[i] < v[i - 1]) {
                    return i;
                }
            }
            return -1;
        }

        /** {@code history.loss did not increase over the last 3 epochs (0.6, 0.5, 0.5, 0.45)}, or where it did. */
        private String trend(Expr.Trend t, boolean holds) {
            TrainingHistory.Series series = history.series(t.column());
            double[] v = series.values();
            List<String> window = new ArrayList<>();
            for (int i = v.length - t.epochs() - 1; i < v.length; i++) {
                window.add(Numbers.format(v[i]));
            }
            String epochs = t.epochs() + (t.epochs() == 1 ? " epoch" : " epochs");
            String values = " (" + history.indexColumn() + " " + Numbers.format(series.index()[v.length - t.epochs() - 1])
                    + " to " + Numbers.format(series.index()[v.length - 1]) + ": " + String.join(", ", window) + ")";
            if (holds) {
                return t.seriesName() + " did not " + (t.decreasing() ? "increase" : "decrease") + " over the last "
                        + epochs + values;
            }
            int i = worsening(t);
            return t.seriesName() + " " + (t.decreasing() ? "increased" : "decreased") + " at " + history.indexColumn()
                    + " " + Numbers.format(series.index()[i]) + ", from " + Numbers.format(v[i - 1]) + " to "
                    + Numbers.format(v[i]) + "; " + t.functionName() + " over the last " + epochs + values;
        }

        private String explainTrue(Expr e) {
            if (e instanceof Expr.Comparison c) {
                return describe(c.left()) + " " + c.operator().symbol() + " " + describe(c.right());
            } else if (e instanceof Expr.Significant s) {
                return significance(s, true);
            } else if (e instanceof Expr.Trend t) {
                return trend(t, true);
            }
            return "holds: " + inputsText();
        }

        private String explainFalse(Expr e) {
            if (e instanceof Expr.Comparison c) {
                return describe(c.left()) + " is not " + c.operator().symbol() + " " + describe(c.right());
            } else if (e instanceof Expr.Significant s) {
                return significance(s, false);
            } else if (e instanceof Expr.Trend t) {
                return trend(t, false);
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
            Test t = tests.get(s);
            ConfidenceInterval ci = t.interval;
            String pct = Numbers.format(ci.level() * 100) + "%";
            String op = s.operator().symbol();
            String head;
            String bound;
            if (t.paired()) {
                head = differenceText(s) + " = " + Numbers.format(t.distribution.value());
                bound = "0";
            } else {
                head = s.metric().displayName() + " = " + Numbers.format(number(s.metric()));
                bound = describe(s.bound());
            }
            head += ", " + pct + " CI [" + Numbers.format(ci.low()) + ", " + Numbers.format(ci.high()) + "]";
            List<String> how = new ArrayList<>();
            if (options.getCorrection() != Correction.NONE && family.size() > 1) {
                how.add(Numbers.format(t.level * 100) + "% with " + options.getCorrection().possessive()
                        + " correction for " + family.size() + " tests");
            }
            if (t.comparison.equals("paired")) {
                how.add("paired on " + resamples.examples() + " examples");
            } else if (t.comparison.equals("unpaired")) {
                how.add("unpaired: the baseline's recorded value taken as exact");
            }
            String tail = how.isEmpty() ? "" : " (" + String.join("; ", how) + ")";
            return holds
                    ? head + " lies entirely " + op + " " + bound + ": significant at " + pct + tail
                    : head + " does not lie entirely " + op + " " + bound + ": not significant at " + pct + tail;
        }

        /** {@code rmse - baseline.rmse}, {@code rmse - (baseline.rmse + 0.01)}, or the metric alone against 0. */
        private String differenceText(Expr.Significant s) {
            String metric = s.metric().displayName();
            Expr bound = s.bound();
            if (bound instanceof Expr.NumberLiteral n && n.value() == 0) {
                return metric;
            }
            String b = rule.textOf(bound);
            // Only a sum, a difference or a negation needs parentheses after the minus.
            boolean grouped = bound instanceof Expr.Negate || bound instanceof Expr.Arithmetic a
                    && (a.operator() == ArithmeticOperator.ADD || a.operator() == ArithmeticOperator.SUBTRACT);
            return metric + " - " + (grouped && !(b.startsWith("(") && b.endsWith(")")) ? "(" + b + ")" : b);
        }

        private String describe(Expr e) {
            double v = number(e);
            if (e instanceof Expr.NumberLiteral) {
                return Numbers.format(v);
            }
            String name = e instanceof Expr.MetricRef m ? m.displayName()
                    : e instanceof Expr.HistoryValue h ? h.displayName() : rule.textOf(e);
            return name + " = " + Numbers.format(v);
        }

        private String inputsText() {
            List<String> parts = new ArrayList<>();
            inputs.forEach((k, v) -> parts.add(k + " = " + Numbers.format(v)));
            return String.join(", ", parts);
        }
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : "infinite (" + Numbers.format(v) + ")";
    }

    private String missing(String name) {
        if (metrics.isEmpty()) {
            return "metric '" + name + "' is missing; no metrics were given";
        }
        // A delta is missing because the predictions were not paired, not because of a typo.
        String why = name.startsWith(DELTA) && name.length() > DELTA.length()
                ? "; " + DELTA + "<metric> needs the baseline's predictions on the same examples (a paired comparison)"
                : CloseNames.hint(name, metrics.keySet());
        return "metric '" + name + "' is missing" + why + "; the metrics are: " + listNames(metrics.keySet());
    }

    private String noInterval(String name) {
        if (resamples == null) {
            return "significant() needs per-example predictions to compute a confidence interval for '" + name
                    + "'; give a predictions file (predictions.csv with label and prediction columns)";
        }
        List<String> names = new ArrayList<>();
        for (String n : resamples.names()) {
            if (!n.startsWith(Resamples.BASELINE)) {
                names.add(n);
            }
        }
        return "significant() has no confidence interval for '" + name + "'; intervals exist for the metrics"
                + " computed from predictions: " + String.join(", ", names);
    }

    static String listNames(Collection<String> names) {
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
