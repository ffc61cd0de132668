package io.jenkins.plugins.mlops.core.validate.rules;

/** The comparison operators of the rule language; equality is exact, as written. */
public enum ComparisonOperator {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double a, double b) {
        return switch (this) {
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case EQ -> a == b;
            case NE -> a != b;
        };
    }

    /** The operator that says the same with the sides swapped: {@code a < b} is {@code b > a}. */
    public ComparisonOperator mirrored() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            case EQ, NE -> this;
        };
    }

    /** True for the orderings significant() accepts; an interval cannot be "significantly equal". */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }
}
