package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Accuracy and macro-averaged precision, recall and F1. The macro average runs over the classes that occur among the
 * labels or predictions of the sample at hand; a class never predicted has precision 0, a class that never occurs
 * as a label has recall 0 (scikit-learn's conventions with zero_division=0).
 */
final class ClassificationStatistic implements ResampledStatistic {

    static final String ACCURACY = "accuracy";
    static final String PRECISION = "precision";
    static final String RECALL = "recall";
    static final String F1 = "f1";

    /** codes[2i] = label class, codes[2i+1] = predicted class. */
    private final int[] codes;
    private final int n;
    private final int classCount;

    ClassificationStatistic(ClassificationPredictions p) {
        this.n = p.size();
        this.classCount = p.classes().size();
        this.codes = new int[2 * n];
        for (int i = 0; i < n; i++) {
            codes[2 * i] = p.label(i);
            codes[2 * i + 1] = p.prediction(i);
        }
    }

    @Override
    public List<String> names() {
        return List.of(ACCURACY, PRECISION, RECALL, F1);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double[] onAll() {
        Counts c = new Counts(classCount);
        for (int i = 0; i < n; i++) {
            c.add(codes[2 * i], codes[2 * i + 1]);
        }
        double[] out = new double[4];
        c.metrics(n, out);
        return out;
    }

    @Override
    public Worker newWorker() {
        Counts[] perResample = new Counts[BlockedDraws.BATCH];
        for (int r = 0; r < perResample.length; r++) {
            perResample[r] = new Counts(classCount);
        }
        return (draws, out) -> {
            int batch = draws.size();
            for (int r = 0; r < batch; r++) {
                perResample[r].clear();
            }
            final int[] k = codes;
            int[] positions = new int[Math.max(BlockedDraws.BLOCK * 2, draws.maxCount())];
            for (int block = 0; block < draws.blocks(); block++) {
                for (int r = 0; r < batch; r++) {
                    Counts c = perResample[r];
                    int count = draws.positions(r, block, positions);
                    for (int t = 0; t < count; t++) {
                        int a = positions[t];
                        c.add(k[2 * a], k[2 * a + 1]);
                    }
                }
            }
            double[] metrics = new double[4];
            for (int r = 0; r < batch; r++) {
                perResample[r].metrics(n, metrics);
                for (int m = 0; m < metrics.length; m++) {
                    out[m][r] = metrics[m];
                }
            }
        };
    }

    /** Per-class counts of one sample: true positives, occurrences as label, occurrences as prediction. */
    private static final class Counts {
        final long[] truePositives;
        final long[] asLabel;
        final long[] asPrediction;

        Counts(int classes) {
            truePositives = new long[classes];
            asLabel = new long[classes];
            asPrediction = new long[classes];
        }

        void clear() {
            Arrays.fill(truePositives, 0);
            Arrays.fill(asLabel, 0);
            Arrays.fill(asPrediction, 0);
        }

        void add(int label, int prediction) {
            asLabel[label]++;
            asPrediction[prediction]++;
            if (label == prediction) {
                truePositives[label]++;
            }
        }

        void metrics(int size, double[] out) {
            long correct = 0;
            int present = 0;
            double precision = 0;
            double recall = 0;
            double f1 = 0;
            for (int c = 0; c < truePositives.length; c++) {
                if (asLabel[c] == 0 && asPrediction[c] == 0) {
                    continue;
                }
                present++;
                correct += truePositives[c];
                precision += asPrediction[c] == 0 ? 0 : (double) truePositives[c] / asPrediction[c];
                recall += asLabel[c] == 0 ? 0 : (double) truePositives[c] / asLabel[c];
                // 2PR/(P+R) simplifies to 2TP/(2TP+FP+FN) = 2TP/(label count + prediction count).
                f1 += 2.0 * truePositives[c] / (asLabel[c] + asPrediction[c]);
            }
            out[0] = (double) correct / size;
            out[1] = precision / present;
            out[2] = recall / present;
            out[3] = f1 / present;
        }
    }
}
