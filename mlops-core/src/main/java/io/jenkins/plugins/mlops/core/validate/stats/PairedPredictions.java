package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's and a baseline's predictions for the same examples, example {@code i} of one being example
 * {@code i} of the other, with the same label. The bootstrap then draws one set of examples for both models, so
 * their difference is measured on the same data (a paired comparison). Classes are coded alike on both sides.
 */
public final class PairedPredictions {

    /** How the two sides' rows were matched, for the verdict. */
    public enum Matching {
        /** By the {@code id} column both files have. */
        ID("id"),
        /** By position: neither file has an {@code id} column. */
        ROW_ORDER("row order");

        private final String displayName;

        Matching(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    /** The labels differ at example {@link #example()}: the two sides are not predictions for the same data. */
    public static final class LabelMismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int example;

        LabelMismatch(int example, String candidateLabel, String baselineLabel) {
            super("example " + example + " has label " + candidateLabel + " in the candidate's predictions but "
                    + baselineLabel + " in the baseline's");
            this.example = example;
        }

        /** The 0-based index of the first example whose labels differ. */
        public int example() {
            return example;
        }
    }

    private final Predictions candidate;
    private final Predictions baseline;
    private final Matching matching;

    private PairedPredictions(Predictions candidate, Predictions baseline, Matching matching) {
        this.candidate = candidate;
        this.baseline = baseline;
        this.matching = matching;
    }

    /**
     * Pairs predictions already in the same example order.
     *
     * @throws IllegalArgumentException when the tasks or the numbers of examples differ
     * @throws LabelMismatch            when a label differs (compared exactly: both sides read the same data)
     */
    public static PairedPredictions of(Predictions candidate, Predictions baseline, Matching matching) {
        if (candidate.task() != baseline.task()) {
            throw new IllegalArgumentException("the candidate's predictions are " + candidate.task().displayName()
                    + " but the baseline's are " + baseline.task().displayName());
        }
        if (candidate.size() != baseline.size()) {
            throw new IllegalArgumentException("the candidate's predictions have " + candidate.size()
                    + " examples but the baseline's " + baseline.size());
        }
        if (candidate instanceof RegressionPredictions c) {
            RegressionPredictions b = (RegressionPredictions) baseline;
            for (int i = 0; i < c.size(); i++) {
                if (Double.compare(c.label(i), b.label(i)) != 0) {
                    throw new LabelMismatch(i, Double.toString(c.label(i)), Double.toString(b.label(i)));
                }
            }
            return new PairedPredictions(candidate, baseline, matching);
        }
        ClassificationPredictions c = (ClassificationPredictions) candidate;
        ClassificationPredictions b = (ClassificationPredictions) baseline;
        // One class list for both sides: the candidate's classes in its order, then any only the baseline predicts.
        Map<String, Integer> codes = new LinkedHashMap<>();
        c.classes().forEach(name -> codes.put(name, codes.size()));
        b.classes().forEach(name -> codes.putIfAbsent(name, codes.size()));
        List<String> classes = new ArrayList<>(codes.keySet());
        int[] recode = new int[b.classes().size()];
        for (int k = 0; k < recode.length; k++) {
            recode[k] = codes.get(b.classes().get(k));
        }
        int n = c.size();
        int[] labels = new int[n];
        int[] candidatePredictions = new int[n];
        int[] baselinePredictions = new int[n];
        for (int i = 0; i < n; i++) {
            int label = c.label(i);
            if (recode[b.label(i)] != label) {
                throw new LabelMismatch(i, c.classes().get(label), b.classes().get(b.label(i)));
            }
            labels[i] = label;
            candidatePredictions[i] = c.prediction(i);
            baselinePredictions[i] = recode[b.prediction(i)];
        }
        return new PairedPredictions(new ClassificationPredictions(labels, candidatePredictions, classes),
                new ClassificationPredictions(labels.clone(), baselinePredictions, classes), matching);
    }

    public Predictions candidate() {
        return candidate;
    }

    public Predictions baseline() {
        return baseline;
    }

    public Matching matching() {
        return matching;
    }

    public int size() {
        return candidate.size();
    }

    public PredictionTask task() {
        return candidate.task();
    }
}
