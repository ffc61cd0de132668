package io.jenkins.plugins.mlops.core.validate.rules;

/** {@code &&} and {@code ||}. */
public enum LogicalOperator {
    AND("&&"), OR("||");

    private final String symbol;

    LogicalOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
