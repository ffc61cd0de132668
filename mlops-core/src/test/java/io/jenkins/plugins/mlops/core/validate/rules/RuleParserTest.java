package io.jenkins.plugins.mlops.core.validate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.MlopsArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    /** The parsed tree as an S-expression, so precedence and associativity can be asserted as text. */
    static String tree(Expr e) {
        if (e instanceof Expr.NumberLiteral n) {
            return n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15
                    ? Long.toString((long) n.value()) : Double.toString(n.value());
        } else if (e instanceof Expr.MetricRef m) {
            return m.baseline() ? "baseline[" + m.name() + "]" : m.name();
        } else if (e instanceof Expr.Negate n) {
            return "(neg " + tree(n.operand()) + ")";
        } else if (e instanceof Expr.Not n) {
            return "(! " + tree(n.operand()) + ")";
        } else if (e instanceof Expr.Arithmetic a) {
            return "(" + a.operator().symbol() + " " + tree(a.left()) + " " + tree(a.right()) + ")";
        } else if (e instanceof Expr.Comparison c) {
            return "(" + c.operator().symbol() + " " + tree(c.left()) + " " + tree(c.right()) + ")";
        } else if (e instanceof Expr.Logical l) {
            return "(" + l.operator().symbol() + " " + tree(l.left()) + " " + tree(l.right()) + ")";
        } else if (e instanceof Expr.FunctionCall f) {
            return "(" + f.function().functionName() + " "
                    + f.arguments().stream().map(RuleParserTest::tree).collect(Collectors.joining(" ")) + ")";
        }
        Expr.Significant s = (Expr.Significant) e;
        return "(significant " + s.operator().symbol() + " " + tree(s.metric()) + " " + tree(s.bound())
                + (s.level() == null ? "" : " @" + s.level()) + ")";
    }

    static String parse(String rule) {
        return tree(RuleSet.parse("thresholds", List.of(rule)).rules().get(0).root());
    }

    static RuleSyntaxException error(String... rules) {
        try {
            RuleSet.parse("thresholds", Arrays.asList(rules));
        } catch (RuleSyntaxException e) {
            return e;
        }
        throw new AssertionError("expected a syntax error for " + Arrays.toString(rules));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        // precedence: * / over + -, arithmetic over comparison, comparison over !, ! over &&, && over ||
        "a + b * c < d                    => (< (+ a (* b c)) d)",
        "a * b + c < d                    => (< (+ (* a b) c) d)",
        "(a + b) * c < d                  => (< (* (+ a b) c) d)",
        "a < 1 || b < 1 && c < 1          => (|| (< a 1) (&& (< b 1) (< c 1)))",
        "a < 1 && b < 1 || c < 1          => (|| (&& (< a 1) (< b 1)) (< c 1))",
        "!a < 1 && b < 1                  => (&& (! (< a 1)) (< b 1))",
        "!!(a < 1)                        => (! (! (< a 1)))",
        // associativity: left for arithmetic and logic
        "a - b - c > 0                    => (> (- (- a b) c) 0)",
        "a / b / c > 0                    => (> (/ (/ a b) c) 0)",
        "a < 1 || b < 1 || c < 1          => (|| (|| (< a 1) (< b 1)) (< c 1))",
        // unary minus binds tightest; literals fold
        "-a * b < 0                       => (< (* (neg a) b) 0)",
        "- -a < 0                         => (< (neg (neg a)) 0)",
        "a > -1                           => (> a -1)",
        "a > +2                           => (> a 2)",
        "a - -1 > 0                       => (> (- a -1) 0)",
        // numbers
        "a < 1e-3                         => (< a 0.001)",
        "a < .5                           => (< a 0.5)",
        "a < 2.                           => (< a 2)",
        "a < 1E+2                         => (< a 100)",
        "a < 2.5e1                        => (< a 25)",
        // names
        "eval.rmse <= baseline.eval.rmse  => (<= eval.rmse baseline[eval.rmse])",
        "`val-loss` < 1                   => (< val-loss 1)",
        "eval.`val-loss` < 1              => (< eval.val-loss 1)",
        "baseline.`val-loss` > 0          => (> baseline[val-loss] 0)",
        "`baseline`.x > 0                 => (> baseline.x 0)",
        "`a.b` > 0                        => (> a.b 0)",
        "layers.0.loss < 1                => (< layers.0.loss 1)",
        "_x1 >= 0                         => (>= _x1 0)",
        // every comparison
        "a == 1 && b != 2 && c >= 3       => (&& (&& (== a 1) (!= b 2)) (>= c 3))",
        // functions
        "abs(rmse - baseline.rmse) < 0.01 => (< (abs (- rmse baseline[rmse])) 0.01)",
        "min(a, b, c) > max(d, 1)         => (> (min a b c) (max d 1))",
        "rmse <= baseline.rmse * 1.01     => (<= rmse (* baseline[rmse] 1.01))",
        // significant: the metric side is found on either side; the level is optional
        "significant(rmse < baseline.rmse, 0.95)      => (significant < rmse baseline[rmse] @0.95)",
        "significant(baseline.rmse > rmse)            => (significant < rmse baseline[rmse])",
        "significant(accuracy >= baseline.accuracy + 0.01, 0.9) => (significant >= accuracy (+ baseline[accuracy] 0.01) @0.9)",
        "significant(0.8 <= f1)                       => (significant >= f1 0.8)",
        "significant(rmse < 1) && mae < 1              => (&& (significant < rmse 1) (< mae 1))",
        "!significant(rmse > baseline.rmse)            => (! (significant > rmse baseline[rmse]))",
    })
    void parses(String rule, String expected) {
        assertThat(parse(rule)).isEqualTo(expected);
    }

    @Test
    void spansQuoteTheUserText() {
        Rule r = RuleSet.parse("thresholds", List.of("(rmse + 1) * 2 <= baseline.rmse")).rules().get(0);
        Expr.Comparison c = (Expr.Comparison) r.root();
        assertThat(r.textOf(c.left())).isEqualTo("(rmse + 1) * 2");
        assertThat(r.textOf(c.right())).isEqualTo("baseline.rmse");
        assertThat(r.metrics()).extracting(Expr.MetricRef::displayName).containsExactly("rmse", "baseline.rmse");
        assertThat(r.usesBaseline()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        // rule text                       | column | problem (start of it)
        "rmse << 1                         => 7  => expected a number, a metric name, a function call or '(' but found '<'",
        "rmse <                            => 7  => expected a number, a metric name, a function call or '(' after '<', but the rule ends here",
        "rmse < 1 2                        => 10 => unexpected '2' after a complete condition; join conditions with && or ||",
        "rmse < 1 < 2                      => 10 => comparisons cannot be chained; write 'a < b && b < c'",
        "rmse = 1                          => 6  => '=' alone is not an operator; compare with '==', '<=' or '>='",
        "rmse < 1 & mae < 1                => 10 => '&' alone is not an operator; write '&&' for 'and'",
        "rmse < 1 | mae < 1                => 10 => '|' alone is not an operator; write '||' for 'or'",
        "rmse < 1 # comment                => 10 => unexpected character '#'",
        "rmse < 1.2.3                      => 8  => malformed number '1.2.3'; write numbers like 0.95, 12 or 1e-3",
        "rmse < 2x                         => 8  => malformed number '2x'; write numbers like 0.95, 12 or 1e-3",
        "rmse < 1e                         => 8  => malformed number '1e'; write numbers like 0.95, 12 or 1e-3",
        "rmse < 1e999                      => 8  => number '1e999' is too large",
        "(rmse < 1                         => 10 => expected ')' to close the '(' at column 1 but found the end of the rule",
        "rmse < 1)                         => 9  => unexpected ')' after a complete condition; join conditions with && or ||",
        "rmse                              => 1  => a rule must be a condition such as 'rmse < 0.9', but 'rmse' is a number",
        "rmse * 2                          => 1  => a rule must be a condition such as 'rmse < 0.9', but 'rmse * 2' is a number",
        "rmse < 1 && mae                   => 13 => '&&' needs conditions on both sides, but its right side is a number; compare it, e.g. 'mae < 0.5'",
        "mae || rmse < 1                   => 1  => '||' needs conditions on both sides, but its left side is a number; compare it, e.g. 'mae < 0.5'",
        "(rmse < 1) * 2 > 0                => 1  => '*' needs numbers on both sides, but its left side is a condition",
        "(rmse < 1) < 2                    => 1  => '<' needs numbers on both sides, but its left side is a condition",
        "!rmse                             => 2  => '!' needs a condition after it, but this is a number; write e.g. !(rmse > 1)",
        "-(rmse < 1)                       => 1  => '-' needs a number after it, but this is a condition",
        "foo(rmse) < 1                     => 1  => unknown function 'foo'; the functions are abs, min, max, significant, decreasing, increasing",
        "eval.abs(rmse) < 1                => 1  => unknown function 'eval.abs'; the functions are abs, min, max, significant, decreasing, increasing",
        "abs(a, b) < 1                     => 1  => 'abs' takes 1 argument, got 2",
        "min(a) < 1                        => 1  => 'min' takes 2 or more arguments, got 1",
        "abs(a < 1) < 1                    => 5  => 'abs' takes numbers, but this argument is a condition",
        "abs(a b) < 1                      => 7  => expected ',' or ')' to close the '(' at column 4 but found 'b'",
        "baseline < 1                      => 1  => 'baseline' alone is not a metric; write baseline.<metric>, such as baseline.rmse",
        "`val-loss < 1                     => 1  => the name quoted with ` at column 1 is not closed",
        "`` < 1                            => 1  => empty quoted name ``",
        "1rmse < 1                         => 1  => malformed number '1rmse'; write numbers like 0.95, 12 or 1e-3",
        "significant(rmse)                 => 13 => the first argument of 'significant' must be a comparison with <, <=, > or >=; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant(rmse == 1)            => 13 => the first argument of 'significant' must be a comparison with <, <=, > or >=; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant()                     => 1  => 'significant' takes a comparison and an optional confidence level, got 0 arguments; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant(rmse < 1, 0.9, 3)     => 1  => 'significant' takes a comparison and an optional confidence level, got 3 arguments; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant(rmse < 1, 95)         => 23 => the confidence level of 'significant' must be a number between 0 and 1, such as 0.95 for 95%",
        "significant(rmse < 1, lvl)        => 23 => the confidence level of 'significant' must be a number between 0 and 1, such as 0.95 for 95%",
        "significant(baseline.rmse < 2)    => 13 => one side of the comparison in 'significant' must be the name of a metric computed from predictions, such as rmse or accuracy; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant(rmse * 2 < 1 + 1)     => 13 => one side of the comparison in 'significant' must be the name of a metric computed from predictions, such as rmse or accuracy; write e.g. significant(rmse < baseline.rmse, 0.95)",
        "significant(rmse < 1) * 2 > 0     => 1  => '*' needs numbers on both sides, but its left side is a condition",
    })
    void reportsErrorsWithColumn(String rule, int column, String problem) {
        RuleSyntaxException e = error("mae < 1", rule);
        assertThat(e.getRuleNumber()).isEqualTo(2);
        assertThat(e.getRuleText()).isEqualTo(rule);
        assertThat(e.getColumn()).isEqualTo(column);
        assertThat(e.getProblem()).isEqualTo(problem);
        assertThat(e.getArgument()).isEqualTo("thresholds");
        assertThat(e.getMessage()).isEqualTo("Invalid argument 'thresholds': rule 2, column " + column + ": " + problem
                + "\n  " + rule + "\n  " + " ".repeat(column - 1) + "^");
    }

    @Test
    void caretSitsUnderTheColumn() {
        RuleSyntaxException e = error("rmse << 1");
        String[] lines = e.getMessage().split("\n");
        assertThat(lines[1]).isEqualTo("  rmse << 1");
        assertThat(lines[2]).isEqualTo("        ^");
        assertThat(lines[1].charAt(lines[2].indexOf('^'))).isEqualTo('<');
    }

    @Test
    void emptyAndBlankRulesFail() {
        assertThat(error("").getProblem()).isEqualTo("the rule is empty; write a condition such as 'rmse < 0.9'");
        assertThat(error("rmse < 1", "   ").getRuleNumber()).isEqualTo(2);
        assertThat(error((String) null).getColumn()).isEqualTo(1);
    }

    @Test
    void emptyListFails() {
        assertThatThrownBy(() -> RuleSet.parse("thresholds", List.of()))
                .isInstanceOf(MlopsArgumentException.class)
                .hasMessage("Invalid argument 'thresholds': no rules given; write at least one, such as 'rmse < 0.9'");
        assertThatThrownBy(() -> RuleSet.parse("--threshold", null))
                .hasMessageStartingWith("Invalid argument '--threshold': no rules given");
    }

    @Test
    void firstBadRuleIsReported() {
        RuleSyntaxException e = error("rmse < 1", "mae <", "f1 >");
        assertThat(e.getRuleNumber()).isEqualTo(2);
    }
}
