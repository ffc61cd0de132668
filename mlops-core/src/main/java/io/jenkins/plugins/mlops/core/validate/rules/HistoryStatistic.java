package io.jenkins.plugins.mlops.core.validate.rules;

import io.jenkins.plugins.mlops.core.metrics.TrainingHistory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a rule reads of a training-history column: {@code history.loss.last}, {@code .first}, {@code .min}, {@code .max}. */
public enum HistoryStatistic {
    FIRST, LAST, MIN, MAX;

    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double of(TrainingHistory.Series series) {
        return switch (this) {
            case FIRST -> series.first();
            case LAST -> series.last();
            case MIN -> series.min();
            case MAX -> series.max();
        };
    }

    static Optional<HistoryStatistic> bySuffix(String suffix) {
        return Arrays.stream(values()).filter(s -> s.suffix().equals(suffix)).findFirst();
    }
}
