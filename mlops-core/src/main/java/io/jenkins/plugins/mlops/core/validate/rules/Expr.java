package io.jenkins.plugins.mlops.core.validate.rules;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed rule expression. Every node knows its {@link Span} in the rule's text and whether it is a condition
 * (true/false) or a number; the parser has already checked that operators get operands of the right kind.
 * Serializable so a parsed rule set can travel to a Jenkins agent.
 */
public sealed interface Expr extends Serializable {

    Span span();

    /** True for nodes that yield true/false, false for nodes that yield a number. */
    boolean isCondition();

    /** A number written in the rule, such as {@code 0.95} or {@code 1e-3}. */
    record NumberLiteral(double value, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /**
     * A metric: {@code rmse}, {@code eval.mae}, or, with {@code baseline} true, {@code baseline.rmse}, whose
     * {@code name} is then the part after {@code baseline.}.
     */
    record MetricRef(String name, boolean baseline, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return false;
        }

        /** How the rule spells it, e.g. {@code baseline.rmse}. */
        public String displayName() {
            return baseline ? "baseline." + name : name;
        }
    }

    /** Unary minus. */
    record Negate(Expr operand, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /** {@code !condition}. */
    record Not(Expr operand, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return true;
        }
    }

    /** {@code + - * /} on two numbers. */
    record Arithmetic(ArithmeticOperator operator, Expr left, Expr right, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /** {@code < <= > >= == !=} between two numbers. */
    record Comparison(ComparisonOperator operator, Expr left, Expr right, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return true;
        }
    }

    /** {@code &&} or {@code ||} between two conditions. */
    record Logical(LogicalOperator operator, Expr left, Expr right, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return true;
        }
    }

    /** {@code abs}, {@code min} or {@code max} of numbers. */
    record FunctionCall(NumericFunction function, List<Expr> arguments, Span span) implements Expr {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }

        @Override
        public boolean isCondition() {
            return false;
        }
    }

    /**
     * A statistic of one column of the training history: {@code history.loss.last}, {@code history.val_loss.min}.
     *
     * @param column the column as the history file's header names it
     */
    record HistoryValue(String column, HistoryStatistic statistic, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return false;
        }

        /** How the rule spells it, e.g. {@code history.loss.last}. */
        public String displayName() {
            return HISTORY + column + "." + statistic.suffix();
        }
    }

    /**
     * {@code decreasing(history.loss, N)} or {@code increasing(history.acc, N)}: over the last {@code epochs} epochs
     * the column never got worse — each of its last {@code epochs} values is at most (at least, for increasing) the
     * one before.
     */
    record Trend(String column, boolean decreasing, int epochs, Span span) implements Expr {
        @Override
        public boolean isCondition() {
            return true;
        }

        public String functionName() {
            return decreasing ? "decreasing" : "increasing";
        }

        /** {@code history.loss}. */
        public String seriesName() {
            return HISTORY + column;
        }
    }

    /** Prefix of the training history's columns in rules. */
    String HISTORY = "history.";

    /**
     * {@code significant(metric OP bound[, level])}: holds when the whole bootstrap confidence interval of
     * {@code metric} at {@code level} lies on the side of {@code bound} that {@code OP} asks for.
     *
     * @param metric    the candidate metric whose interval is used (a side of the comparison that is a plain name)
     * @param operator  the comparison oriented so that it reads {@code metric operator bound}
     * @param bound     the other side of the comparison, evaluated as a plain number
     * @param level     the confidence level written in the rule, or null for the gate's configured level
     */
    record Significant(MetricRef metric, ComparisonOperator operator, Expr bound, Double level, Span span)
            implements Expr {
        @Override
        public boolean isCondition() {
            return true;
        }
    }
}
