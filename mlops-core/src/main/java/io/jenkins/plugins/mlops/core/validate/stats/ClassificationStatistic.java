package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accuracy and macro-averaged precision, recall and F1 of one model, or of a candidate and a baseline on the same
 * examples, and {@code majority.accuracy}: the accuracy a model that always predicts the most frequent label would
 * have on the same sample. The macro average runs over the classes that occur among the labels or the model's
 * predictions in the sample at hand; a class never predicted has precision 0, a class that never occurs as a label
 * has recall 0 (scikit-learn's conventions with zero_division=0).
 */
final class ClassificationStatistic implements ResampledStatistic {

    static final String ACCURACY = "accuracy";
    static final String PRECISION = "precision";
    static final String RECALL = "recall";
    static final String F1 = "f1";
    static final String MAJORITY_ACCURACY = "majority.accuracy";
    private static final int PER_MODEL = 4;
    /** Up to this many (label, predictions) combinations the joint-count fast path is used: 32 classes unpaired, 10 paired. */
    private static final int JOINT_LIMIT = 1024;

    /** codes[stride*i] = label class, codes[stride*i + 1 + m] = class model m predicted. */
    private final int[] codes;
    private final int stride;
    private final int n;
    private final int models;
    private final int classCount;
    /** The most frequent label on all examples (the first such in class order when several are). */
    private final int majority;
    /** Counts on all examples, and per model its macro sums ({@link Counts#sums}), for the jackknife. */
    private final Counts all;
    private final double[][] allSums;

    ClassificationStatistic(ClassificationPredictions p) {
        this(new ClassificationPredictions[] {p});
    }

    /** Both sides must code classes alike, as {@link PairedPredictions} guarantees. */
    ClassificationStatistic(PairedPredictions paired) {
        this(new ClassificationPredictions[] {
            (ClassificationPredictions) paired.candidate(), (ClassificationPredictions) paired.baseline()});
    }

    private ClassificationStatistic(ClassificationPredictions[] p) {
        this.n = p[0].size();
        this.models = p.length;
        this.stride = 1 + models;
        this.classCount = p[0].classes().size();
        this.codes = new int[stride * n];
        for (int i = 0; i < n; i++) {
            codes[stride * i] = p[0].label(i);
            for (int m = 0; m < models; m++) {
                codes[stride * i + 1 + m] = p[m].prediction(i);
            }
        }
        this.all = new Counts(models, classCount);
        for (int i = 0; i < n; i++) {
            all.add(codes, stride * i);
        }
        int best = 0;
        for (int c = 1; c < classCount; c++) {
            if (all.asLabel[c] > all.asLabel[best]) {
                best = c;
            }
        }
        this.majority = best;
        this.allSums = new double[models][];
        for (int m = 0; m < models; m++) {
            allSums[m] = all.sums(m);
        }
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(ACCURACY, PRECISION, RECALL, F1));
        if (models == 2) {
            for (String m : List.of(ACCURACY, PRECISION, RECALL, F1)) {
                names.add(Resamples.BASELINE + m);
            }
        }
        names.add(MAJORITY_ACCURACY);
        return names;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double[] onAll() {
        double[] out = new double[PER_MODEL * models + 1];
        all.metrics(n, majority, out);
        return out;
    }

    /**
     * Removing one example changes the counts of at most two classes per model (its label's and its prediction's),
     * so each leave-one-out value is the full sums with those classes' terms replaced: O(1) per example rather than
     * O(classes).
     */
    @Override
    public void leaveOneOut(int i, double[] into) {
        int label = codes[stride * i];
        int rest = n - 1;
        for (int m = 0; m < models; m++) {
            int predicted = codes[stride * i + 1 + m];
            long[] tp = all.truePositives[m];
            long[] asPrediction = all.asPrediction[m];
            long[] asLabel = all.asLabel;
            double[] sums = allSums[m];
            double precision = sums[1];
            double recall = sums[2];
            double f1 = sums[3];
            int present = (int) sums[0];
            long hit = label == predicted ? 1 : 0;
            // Take out the old terms of the affected classes, put in the new ones.
            int[] affected = label == predicted ? new int[] {label} : new int[] {label, predicted};
            for (int c : affected) {
                Term before = new Term(tp[c], asLabel[c], asPrediction[c]);
                Term after = new Term(tp[c] - (c == label ? hit : 0), asLabel[c] - (c == label ? 1 : 0),
                        asPrediction[c] - (c == predicted ? 1 : 0));
                present += after.present() - before.present();
                precision += after.precision() - before.precision();
                recall += after.recall() - before.recall();
                f1 += after.f1() - before.f1();
            }
            long correct = (long) sums[4];
            into[PER_MODEL * m] = (double) (correct - hit) / rest;
            into[PER_MODEL * m + 1] = precision / present;
            into[PER_MODEL * m + 2] = recall / present;
            into[PER_MODEL * m + 3] = f1 / present;
        }
        into[PER_MODEL * models] = (double) (all.asLabel[majority] - (label == majority ? 1 : 0)) / rest;
    }

    @Override
    public Worker newWorker() {
        return combinations() <= JOINT_LIMIT ? jointWorker() : countingWorker();
    }

    /** Distinct (label, prediction per model) combinations. */
    private long combinations() {
        long c = classCount;
        for (int m = 0; m < models; m++) {
            c *= classCount;
        }
        return c;
    }

    /**
     * The fast path for few classes: each example's label and predictions are one combination number, a draw is one
     * increment of that combination's count, and the per-class counts follow from the combination counts once per
     * resample. As fast per draw as regression, and free of the branch on whether a prediction is right, which is
     * unpredictable by nature.
     */
    private Worker jointWorker() {
        int combos = (int) combinations();
        int[] combination = new int[n];
        for (int i = 0; i < n; i++) {
            int c = codes[stride * i];
            for (int m = 0; m < models; m++) {
                c = c * classCount + codes[stride * i + 1 + m];
            }
            combination[i] = c;
        }
        int[][] joint = new int[BlockedDraws.BATCH][combos];
        Counts counts = new Counts(models, classCount);
        return (draws, out) -> {
            int batch = draws.size();
            for (int r = 0; r < batch; r++) {
                Arrays.fill(joint[r], 0);
            }
            int[] positions = new int[Math.max(BlockedDraws.BLOCK * 2, draws.maxCount())];
            for (int block = 0; block < draws.blocks(); block++) {
                for (int r = 0; r < batch; r++) {
                    int[] j = joint[r];
                    int count = draws.positions(r, block, positions);
                    for (int t = 0; t < count; t++) {
                        j[combination[positions[t]]]++;
                    }
                }
            }
            double[] metrics = new double[PER_MODEL * models + 1];
            for (int r = 0; r < batch; r++) {
                counts.fromJoint(joint[r], classCount);
                counts.metrics(n, majority, metrics);
                for (int m = 0; m < metrics.length; m++) {
                    out[m][r] = metrics[m];
                }
            }
        };
    }

    /** Many classes: per-class counts updated draw by draw. */
    private Worker countingWorker() {
        Counts[] perResample = new Counts[BlockedDraws.BATCH];
        for (int r = 0; r < perResample.length; r++) {
            perResample[r] = new Counts(models, classCount);
        }
        return (draws, out) -> {
            int batch = draws.size();
            for (int r = 0; r < batch; r++) {
                perResample[r].clear();
            }
            final int[] k = codes;
            final int s = stride;
            int[] positions = new int[Math.max(BlockedDraws.BLOCK * 2, draws.maxCount())];
            for (int block = 0; block < draws.blocks(); block++) {
                for (int r = 0; r < batch; r++) {
                    Counts c = perResample[r];
                    int count = draws.positions(r, block, positions);
                    for (int t = 0; t < count; t++) {
                        c.add(k, s * positions[t]);
                    }
                }
            }
            double[] metrics = new double[PER_MODEL * models + 1];
            for (int r = 0; r < batch; r++) {
                perResample[r].metrics(n, majority, metrics);
                for (int m = 0; m < metrics.length; m++) {
                    out[m][r] = metrics[m];
                }
            }
        };
    }

    /** One class's terms in the macro averages, from its counts. */
    private record Term(long truePositives, long asLabel, long asPrediction) {
        int present() {
            return asLabel + asPrediction > 0 ? 1 : 0;
        }

        double precision() {
            return asPrediction == 0 ? 0 : (double) truePositives / asPrediction;
        }

        double recall() {
            return asLabel == 0 ? 0 : (double) truePositives / asLabel;
        }

        /** 2PR/(P+R) simplifies to 2TP/(2TP+FP+FN) = 2TP/(label count + prediction count). */
        double f1() {
            return asLabel + asPrediction == 0 ? 0 : 2.0 * truePositives / (asLabel + asPrediction);
        }
    }

    /** Per-class counts of one sample: occurrences as label; per model, true positives and occurrences as prediction. */
    private static final class Counts {
        final long[] asLabel;
        final long[][] truePositives;
        final long[][] asPrediction;
        final int models;

        Counts(int models, int classes) {
            this.models = models;
            asLabel = new long[classes];
            truePositives = new long[models][classes];
            asPrediction = new long[models][classes];
        }

        void clear() {
            Arrays.fill(asLabel, 0);
            for (int m = 0; m < models; m++) {
                Arrays.fill(truePositives[m], 0);
                Arrays.fill(asPrediction[m], 0);
            }
        }

        /** The example whose codes start at {@code codes[at]}: its label, then each model's prediction. */
        void add(int[] codes, int at) {
            int label = codes[at];
            asLabel[label]++;
            for (int m = 0; m < models; m++) {
                int prediction = codes[at + 1 + m];
                asPrediction[m][prediction]++;
                if (label == prediction) {
                    truePositives[m][label]++;
                }
            }
        }

        /**
         * The counts of a sample from its combination counts: {@code joint[c]} examples had combination {@code c},
         * the label and each model's prediction as digits in base {@code classes}, label first.
         */
        void fromJoint(int[] joint, int classes) {
            clear();
            for (int c = 0; c < joint.length; c++) {
                int times = joint[c];
                if (times == 0) {
                    continue;
                }
                int rest = c;
                int[] digits = new int[models + 1];
                for (int d = models; d >= 0; d--) {
                    digits[d] = rest % classes;
                    rest /= classes;
                }
                int label = digits[0];
                asLabel[label] += times;
                for (int m = 0; m < models; m++) {
                    asPrediction[m][digits[1 + m]] += times;
                    if (digits[1 + m] == label) {
                        truePositives[m][label] += times;
                    }
                }
            }
        }

        /** Model {@code m}'s macro sums: [classes present, Σ precision, Σ recall, Σ F1, correct predictions]. */
        double[] sums(int m) {
            double[] s = new double[5];
            for (int c = 0; c < asLabel.length; c++) {
                Term t = new Term(truePositives[m][c], asLabel[c], asPrediction[m][c]);
                if (t.present() == 0) {
                    continue;
                }
                s[0]++;
                s[1] += t.precision();
                s[2] += t.recall();
                s[3] += t.f1();
                s[4] += truePositives[m][c];
            }
            return s;
        }

        void metrics(int size, int majority, double[] out) {
            for (int m = 0; m < models; m++) {
                double[] s = sums(m);
                out[PER_MODEL * m] = s[4] / size;
                out[PER_MODEL * m + 1] = s[1] / s[0];
                out[PER_MODEL * m + 2] = s[2] / s[0];
                out[PER_MODEL * m + 3] = s[3] / s[0];
            }
            out[PER_MODEL * models] = (double) asLabel[majority] / size;
        }
    }
}
