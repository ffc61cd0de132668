package io.jenkins.plugins.mlops.core.validate.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One parsed rule: its position in the user's list, its text as written, and its expression.
 *
 * @param number 1-based position in the list of rules
 * @param text   the rule as the user wrote it
 * @param root   the parsed expression; always a condition
 */
public record Rule(int number, String text, Expr root) implements Serializable {

    /** Every metric the rule reads, in order of appearance, each once. */
    public List<Expr.MetricRef> metrics() {
        return metricsIn(root);
    }

    /** Every metric an expression reads, in order of appearance, each once. */
    public static List<Expr.MetricRef> metricsIn(Expr e) {
        Set<String> seen = new LinkedHashSet<>();
        List<Expr.MetricRef> out = new ArrayList<>();
        collect(e, seen, out);
        return out;
    }

    /** Whether the rule needs a baseline: it names {@code baseline.<metric>} somewhere. */
    public boolean usesBaseline() {
        return metrics().stream().anyMatch(Expr.MetricRef::baseline);
    }

    /** Every {@code significant(...)} in the rule. */
    public List<Expr.Significant> significanceTests() {
        List<Expr.Significant> out = new ArrayList<>();
        collectSignificant(root, out);
        return out;
    }

    /** Every reference to the training history ({@link Expr.HistoryValue}, {@link Expr.Trend}), in order. */
    public List<Expr> historyReferences() {
        return historyIn(root);
    }

    /** Every reference to the training history in an expression, in order. */
    public static List<Expr> historyIn(Expr e) {
        List<Expr> out = new ArrayList<>();
        collectHistory(e, out);
        return out;
    }

    /** The text a node was parsed from. */
    public String textOf(Expr e) {
        return e.span().of(text);
    }

    private static void collect(Expr e, Set<String> seen, List<Expr.MetricRef> out) {
        if (e instanceof Expr.MetricRef m) {
            if (seen.add(m.displayName())) {
                out.add(m);
            }
        } else if (e instanceof Expr.Negate n) {
            collect(n.operand(), seen, out);
        } else if (e instanceof Expr.Not n) {
            collect(n.operand(), seen, out);
        } else if (e instanceof Expr.Arithmetic a) {
            collect(a.left(), seen, out);
            collect(a.right(), seen, out);
        } else if (e instanceof Expr.Comparison c) {
            collect(c.left(), seen, out);
            collect(c.right(), seen, out);
        } else if (e instanceof Expr.Logical l) {
            collect(l.left(), seen, out);
            collect(l.right(), seen, out);
        } else if (e instanceof Expr.FunctionCall f) {
            f.arguments().forEach(a -> collect(a, seen, out));
        } else if (e instanceof Expr.Significant s) {
            collect(s.metric(), seen, out);
            collect(s.bound(), seen, out);
        }
    }

    private static void collectHistory(Expr e, List<Expr> out) {
        if (e instanceof Expr.HistoryValue || e instanceof Expr.Trend) {
            out.add(e);
        } else if (e instanceof Expr.Negate n) {
            collectHistory(n.operand(), out);
        } else if (e instanceof Expr.Not n) {
            collectHistory(n.operand(), out);
        } else if (e instanceof Expr.Arithmetic a) {
            collectHistory(a.left(), out);
            collectHistory(a.right(), out);
        } else if (e instanceof Expr.Comparison c) {
            collectHistory(c.left(), out);
            collectHistory(c.right(), out);
        } else if (e instanceof Expr.Logical l) {
            collectHistory(l.left(), out);
            collectHistory(l.right(), out);
        } else if (e instanceof Expr.FunctionCall f) {
            f.arguments().forEach(a -> collectHistory(a, out));
        } else if (e instanceof Expr.Significant s) {
            collectHistory(s.bound(), out);
        }
    }

    private static void collectSignificant(Expr e, List<Expr.Significant> out) {
        if (e instanceof Expr.Significant s) {
            out.add(s);
        } else if (e instanceof Expr.Not n) {
            collectSignificant(n.operand(), out);
        } else if (e instanceof Expr.Logical l) {
            collectSignificant(l.left(), out);
            collectSignificant(l.right(), out);
        }
    }
}
