package io.jenkins.plugins.mlops.core.validate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser for one rule. Hand-written rather than generated because the language is a dozen
 * productions and every error must be ours: phrased for a Jenkinsfile author, pointing at a column, and checked for
 * kinds (number vs condition) while parsing so that a wrong rule fails when the step starts, not after a long
 * evaluation. Grammar, lowest precedence first:
 *
 * <pre>
 * rule       := or END
 * or         := and ( '||' and )*
 * and        := not ( '&amp;&amp;' not )*
 * not        := '!' not | comparison
 * comparison := additive ( ('&lt;'|'&lt;='|'&gt;'|'&gt;='|'=='|'!=') additive )?
 * additive   := term ( ('+'|'-') term )*
 * term       := unary ( ('*'|'/') unary )*
 * unary      := ('-'|'+') unary | primary
 * primary    := NUMBER | NAME | NAME '(' arguments? ')' | '(' or ')'
 * </pre>
 *
 * <p>Names starting with {@code history.} read the training history: {@code history.<column>.<first|last|min|max>}
 * is a number; {@code decreasing(history.<column>, N)} and {@code increasing(...)} are conditions.
 */
final class RuleParser {

    private static final String OPERAND = "a number, a metric name, a function call or '('";

    private final List<Token> tokens;
    private int index;

    private RuleParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws ParseProblem with the offset and wording of the first problem */
    static Expr parse(String text) {
        RuleParser p = new RuleParser(Lexer.tokenize(text));
        if (p.peek().type() == TokenType.END) {
            throw new ParseProblem(0, "the rule is empty; write a condition such as 'rmse < 0.9'");
        }
        Expr e = p.or();
        Token t = p.peek();
        if (t.type() != TokenType.END) {
            throw new ParseProblem(t.span().start(), "unexpected " + t.describe()
                    + " after a complete condition; join conditions with && or ||");
        }
        if (!e.isCondition()) {
            throw new ParseProblem(0, "a rule must be a condition such as 'rmse < 0.9', but '"
                    + e.span().of(text) + "' is a number");
        }
        return e;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        return tokens.get(index++);
    }

    private boolean at(TokenType type) {
        return peek().type() == type;
    }

    private Expr or() {
        Expr left = and();
        while (at(TokenType.OR)) {
            Token op = advance();
            Expr right = and();
            requireCondition(left, op, "left");
            requireCondition(right, op, "right");
            left = new Expr.Logical(LogicalOperator.OR, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (at(TokenType.AND)) {
            Token op = advance();
            Expr right = not();
            requireCondition(left, op, "left");
            requireCondition(right, op, "right");
            left = new Expr.Logical(LogicalOperator.AND, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr not() {
        if (at(TokenType.NOT)) {
            Token op = advance();
            Expr operand = not();
            if (!operand.isCondition()) {
                throw new ParseProblem(operand.span().start(), "'!' needs a condition after it, but this is a number;"
                        + " write e.g. !(rmse > 1)");
            }
            return new Expr.Not(operand, op.span().to(operand.span()));
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Optional<ComparisonOperator> op = comparisonOperator(peek());
        if (op.isEmpty()) {
            return left;
        }
        Token opToken = advance();
        Expr right = additive();
        requireNumber(left, opToken, "left");
        requireNumber(right, opToken, "right");
        if (comparisonOperator(peek()).isPresent()) {
            throw new ParseProblem(peek().span().start(), "comparisons cannot be chained; write 'a < b && b < c'");
        }
        return new Expr.Comparison(op.get(), left, right, left.span().to(right.span()));
    }

    private Expr additive() {
        Expr left = term();
        while (at(TokenType.PLUS) || at(TokenType.MINUS)) {
            Token op = advance();
            Expr right = term();
            requireNumber(left, op, "left");
            requireNumber(right, op, "right");
            ArithmeticOperator a = op.type() == TokenType.PLUS ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT;
            left = new Expr.Arithmetic(a, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (at(TokenType.STAR) || at(TokenType.SLASH)) {
            Token op = advance();
            Expr right = unary();
            requireNumber(left, op, "left");
            requireNumber(right, op, "right");
            ArithmeticOperator a = op.type() == TokenType.STAR ? ArithmeticOperator.MULTIPLY : ArithmeticOperator.DIVIDE;
            left = new Expr.Arithmetic(a, left, right, left.span().to(right.span()));
        }
        return left;
    }

    private Expr unary() {
        if (at(TokenType.MINUS) || at(TokenType.PLUS)) {
            Token op = advance();
            Expr operand = unary();
            if (operand.isCondition()) {
                throw new ParseProblem(op.span().start(), "'" + op.text() + "' needs a number after it, but this is a condition");
            }
            Span span = op.span().to(operand.span());
            if (op.type() == TokenType.PLUS) {
                return operand;
            }
            return operand instanceof Expr.NumberLiteral n
                    ? new Expr.NumberLiteral(-n.value(), span)
                    : new Expr.Negate(operand, span);
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER:
                advance();
                return new Expr.NumberLiteral(t.number(), t.span());
            case NAME:
                advance();
                if (at(TokenType.LPAREN)) {
                    return call(t);
                }
                return metric(t);
            case LPAREN: {
                advance();
                Expr inner = or();
                if (!at(TokenType.RPAREN)) {
                    Token bad = peek();
                    throw new ParseProblem(bad.span().start(), "expected ')' to close the '(' at column "
                            + t.span().column() + " but found " + bad.describe());
                }
                Token close = advance();
                return withSpan(inner, t.span().to(close.span()));
            }
            case END:
                throw new ParseProblem(t.span().start(), "expected " + OPERAND + (index > 0
                        ? " after " + tokens.get(index - 1).describe() : "") + ", but the rule ends here");
            default:
                throw new ParseProblem(t.span().start(), "expected " + OPERAND + " but found " + t.describe());
        }
    }

    private Expr metric(Token t) {
        List<String> seg = t.segments();
        if (isHistory(t)) {
            return historyValue(t);
        }
        if (!t.quotedFirst() && seg.get(0).equals("baseline")) {
            if (seg.size() == 1) {
                throw new ParseProblem(t.span().start(), "'baseline' alone is not a metric; write baseline.<metric>,"
                        + " such as baseline.rmse");
            }
            return new Expr.MetricRef(String.join(".", seg.subList(1, seg.size())), true, t.span());
        }
        return new Expr.MetricRef(String.join(".", seg), false, t.span());
    }

    private static boolean isHistory(Token t) {
        return !t.quotedFirst() && t.segments().get(0).equals("history");
    }

    /** {@code history.<column>.<first|last|min|max>}; the column may itself hold dots. */
    private static Expr historyValue(Token t) {
        List<String> seg = t.segments();
        if (seg.size() == 1) {
            throw new ParseProblem(t.span().start(), "'history' alone is not a metric; write history.<column>.last,"
                    + " such as history.loss.last");
        }
        Optional<HistoryStatistic> statistic = HistoryStatistic.bySuffix(seg.get(seg.size() - 1));
        if (seg.size() == 2 || statistic.isEmpty()) {
            String series = "history." + String.join(".", seg.subList(1, seg.size()));
            throw new ParseProblem(t.span().start(), "'" + series + "' is a column of the training history, not a"
                    + " number; write " + series + ".last, .first, .min or .max, or decreasing(" + series + ", 3)");
        }
        return new Expr.HistoryValue(String.join(".", seg.subList(1, seg.size() - 1)), statistic.get(), t.span());
    }

    /** {@code decreasing(history.loss, 3)}: a history column and a whole number of epochs. */
    private Expr trend(Token name, Token open) {
        String fn = name.text();
        String usage = "; write e.g. " + fn + "(history.loss, 3)";
        Token series = peek();
        if (series.type() != TokenType.NAME || !isHistory(series) || series.segments().size() < 2) {
            throw new ParseProblem(series.span().start(), "the first argument of '" + fn + "' must be a column of the"
                    + " training history, such as history.loss" + usage);
        }
        advance();
        List<String> seg = series.segments();
        if (seg.size() > 2 && HistoryStatistic.bySuffix(seg.get(seg.size() - 1)).isPresent()) {
            throw new ParseProblem(series.span().start(), "'" + fn + "' takes the column itself, not one value of it"
                    + usage);
        }
        if (!at(TokenType.COMMA)) {
            throw new ParseProblem(peek().span().start(), "'" + fn + "' takes a column and a number of epochs" + usage);
        }
        advance();
        Token epochs = peek();
        if (epochs.type() != TokenType.NUMBER || epochs.number() != Math.rint(epochs.number()) || epochs.number() < 1
                || epochs.number() > 1_000_000) {
            throw new ParseProblem(epochs.span().start(), "the number of epochs of '" + fn + "' must be a whole number"
                    + " of at least 1" + usage);
        }
        advance();
        if (!at(TokenType.RPAREN)) {
            Token bad = peek();
            throw new ParseProblem(bad.span().start(), "expected ')' to close the '(' at column " + open.span().column()
                    + " but found " + bad.describe());
        }
        Token close = advance();
        return new Expr.Trend(String.join(".", seg.subList(1, seg.size())), fn.equals(NumericFunction.DECREASING),
                (int) epochs.number(), name.span().to(close.span()));
    }

    private Expr call(Token name) {
        Token open = advance();
        if (name.segments().size() == 1 && !name.quotedFirst() && (name.text().equals(NumericFunction.DECREASING)
                || name.text().equals(NumericFunction.INCREASING))) {
            return trend(name, open);
        }
        List<Expr> args = new ArrayList<>();
        if (!at(TokenType.RPAREN)) {
            args.add(or());
            while (at(TokenType.COMMA)) {
                advance();
                args.add(or());
            }
        }
        if (!at(TokenType.RPAREN)) {
            Token bad = peek();
            throw new ParseProblem(bad.span().start(), "expected ',' or ')' to close the '(' at column "
                    + open.span().column() + " but found " + bad.describe());
        }
        Token close = advance();
        Span span = name.span().to(close.span());
        String fn = name.segments().size() == 1 && !name.quotedFirst() ? name.segments().get(0) : name.text();
        if (fn.equals(NumericFunction.SIGNIFICANT)) {
            return significant(name, args, span);
        }
        NumericFunction f = NumericFunction.byName(fn).orElseThrow(() -> new ParseProblem(name.span().start(),
                "unknown function '" + name.text() + "'; the functions are " + NumericFunction.allNames()));
        if (args.size() < f.minArguments() || args.size() > f.maxArguments()) {
            String wanted = f.minArguments() == f.maxArguments()
                    ? f.minArguments() + " argument" + (f.minArguments() == 1 ? "" : "s")
                    : f.minArguments() + " or more arguments";
            throw new ParseProblem(name.span().start(), "'" + fn + "' takes " + wanted + ", got " + args.size());
        }
        for (Expr a : args) {
            if (a.isCondition()) {
                throw new ParseProblem(a.span().start(), "'" + fn + "' takes numbers, but this argument is a condition");
            }
        }
        return new Expr.FunctionCall(f, args, span);
    }

    private Expr significant(Token name, List<Expr> args, Span span) {
        String usage = "; write e.g. significant(rmse < baseline.rmse, 0.95)";
        if (args.isEmpty() || args.size() > 2) {
            throw new ParseProblem(name.span().start(), "'significant' takes a comparison and an optional confidence"
                    + " level, got " + args.size() + " argument" + (args.size() == 1 ? "" : "s") + usage);
        }
        if (!(args.get(0) instanceof Expr.Comparison cmp) || !cmp.operator().isOrdering()) {
            throw new ParseProblem(args.get(0).span().start(), "the first argument of 'significant' must be a"
                    + " comparison with <, <=, > or >=" + usage);
        }
        Expr.Significant s;
        if (cmp.left() instanceof Expr.MetricRef m && !m.baseline()) {
            s = new Expr.Significant(m, cmp.operator(), cmp.right(), level(args), span);
        } else if (cmp.right() instanceof Expr.MetricRef m && !m.baseline()) {
            s = new Expr.Significant(m, cmp.operator().mirrored(), cmp.left(), level(args), span);
        } else {
            throw new ParseProblem(cmp.span().start(), "one side of the comparison in 'significant' must be the name"
                    + " of a metric computed from predictions, such as rmse or accuracy" + usage);
        }
        return s;
    }

    private static Double level(List<Expr> args) {
        if (args.size() < 2) {
            return null;
        }
        Expr a = args.get(1);
        if (!(a instanceof Expr.NumberLiteral n) || !(n.value() > 0 && n.value() < 1)) {
            throw new ParseProblem(a.span().start(), "the confidence level of 'significant' must be a number"
                    + " between 0 and 1, such as 0.95 for 95%");
        }
        return n.value();
    }

    private static Optional<ComparisonOperator> comparisonOperator(Token t) {
        return Optional.ofNullable(switch (t.type()) {
            case LT -> ComparisonOperator.LT;
            case LE -> ComparisonOperator.LE;
            case GT -> ComparisonOperator.GT;
            case GE -> ComparisonOperator.GE;
            case EQ -> ComparisonOperator.EQ;
            case NE -> ComparisonOperator.NE;
            default -> null;
        });
    }

    private static void requireNumber(Expr e, Token op, String side) {
        if (e.isCondition()) {
            throw new ParseProblem(e.span().start(), "'" + op.text() + "' needs numbers on both sides, but its "
                    + side + " side is a condition");
        }
    }

    private static void requireCondition(Expr e, Token op, String side) {
        if (!e.isCondition()) {
            throw new ParseProblem(e.span().start(), "'" + op.text() + "' needs conditions on both sides, but its "
                    + side + " side is a number; compare it, e.g. 'mae < 0.5'");
        }
    }

    /** Parentheses do not make a node of their own, but the quoted text should include them. */
    private static Expr withSpan(Expr e, Span s) {
        if (e instanceof Expr.NumberLiteral n) {
            return new Expr.NumberLiteral(n.value(), s);
        } else if (e instanceof Expr.MetricRef m) {
            return new Expr.MetricRef(m.name(), m.baseline(), s);
        } else if (e instanceof Expr.Negate n) {
            return new Expr.Negate(n.operand(), s);
        } else if (e instanceof Expr.Not n) {
            return new Expr.Not(n.operand(), s);
        } else if (e instanceof Expr.Arithmetic a) {
            return new Expr.Arithmetic(a.operator(), a.left(), a.right(), s);
        } else if (e instanceof Expr.Comparison c) {
            return new Expr.Comparison(c.operator(), c.left(), c.right(), s);
        } else if (e instanceof Expr.Logical l) {
            return new Expr.Logical(l.operator(), l.left(), l.right(), s);
        } else if (e instanceof Expr.FunctionCall f) {
            return new Expr.FunctionCall(f.function(), f.arguments(), s);
        } else if (e instanceof Expr.HistoryValue h) {
            return new Expr.HistoryValue(h.column(), h.statistic(), s);
        } else if (e instanceof Expr.Trend t) {
            return new Expr.Trend(t.column(), t.decreasing(), t.epochs(), s);
        }
        Expr.Significant g = (Expr.Significant) e;
        return new Expr.Significant(g.metric(), g.operator(), g.bound(), g.level(), s);
    }
}
