package io.jenkins.plugins.mlops.core.validate.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The functions of numbers a rule may call. {@code significant}, {@code decreasing} and {@code increasing} are not
 * among them: they yield conditions.
 */
public enum NumericFunction {
    ABS(1, 1), MIN(2, Integer.MAX_VALUE), MAX(2, Integer.MAX_VALUE);

    /** Names of the functions that yield conditions; listed with the others in error messages. */
    public static final String SIGNIFICANT = "significant";
    public static final String DECREASING = "decreasing";
    public static final String INCREASING = "increasing";

    private final int minArguments;
    private final int maxArguments;

    NumericFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    public String functionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int minArguments() {
        return minArguments;
    }

    public int maxArguments() {
        return maxArguments;
    }

    public double apply(double[] args) {
        return switch (this) {
            case ABS -> Math.abs(args[0]);
            case MIN -> Arrays.stream(args).min().orElseThrow();
            case MAX -> Arrays.stream(args).max().orElseThrow();
        };
    }

    public static Optional<NumericFunction> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName().equals(name)).findFirst();
    }

    /** For error messages: {@code abs, min, max, significant, decreasing, increasing}. */
    public static String allNames() {
        StringBuilder sb = new StringBuilder();
        for (NumericFunction f : values()) {
            sb.append(f.functionName()).append(", ");
        }
        return sb.append(SIGNIFICANT).append(", ").append(DECREASING).append(", ").append(INCREASING).toString();
    }
}
