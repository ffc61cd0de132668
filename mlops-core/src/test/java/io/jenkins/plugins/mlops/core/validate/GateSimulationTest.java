package io.jenkins.plugins.mlops.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mlops.core.validate.rules.RuleSet;
import io.jenkins.plugins.mlops.core.validate.stats.ClassificationPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.ConfidenceInterval;
import io.jenkins.plugins.mlops.core.validate.stats.PairedPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.RegressionPredictions;
import io.jenkins.plugins.mlops.core.validate.stats.Resamples;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gate's error rates, measured by simulation on data whose truth is known, through the gate itself
 * ({@link MetricGate}, 1,000 resamples, 95%), at n = 200 and n = 5,000 examples:
 * <ol type="a">
 *   <li>the 95% interval of RMSE, MAE and accuracy covers the true value in 93-97% of 1,000 data sets (4,000 for
 *       RMSE and MAE at n = 200), and lies entirely on either side of it in at most 3.5%;</li>
 *   <li>with two models of equal true error, the paired {@code significant(rmse < baseline.rmse)} fires in about
 *       2.5% of data sets (its type-I error; with its mirror {@code >}, which fires as often by symmetry);</li>
 *   <li>against a small real improvement the paired test fires in most data sets and the unpaired comparison with the
 *       baseline's recorded number in few (the two powers are printed);</li>
 *   <li>four paired tests on exchangeable classifiers: at least one fires in more than 2.5% of data sets without a
 *       correction, in at most 2.5% with Holm's (or Bonferroni's).</li>
 * </ol>
 *
 * <p>Seeded: data set {@code k} and its bootstrap draw from seeds derived from {@code k}, so the counts are exact
 * repeatable numbers. What they estimate carries Monte-Carlo error, printed as a standard error beside each rate
 * (sqrt(p(1-p)/k) over k data sets: 0.7 points at 95% and 0.5 at 2.5% for 1,000). The bounds asserted are the
 * issue's, with the Monte-Carlo allowance stated where a rate is compared with its nominal level. Each data set gets
 * its own bootstrap seed: with one seed for all, every data set would be resampled with the same index pattern and
 * any quirk of that one pattern would be counted 1,000 times.
 *
 * <p>Cost: every data set is bootstrapped once and serves every claim it can — the regression data sets (a) for RMSE
 * and MAE and (b); the classification data sets (a) for accuracy and (d) under all three corrections. About 10^10
 * draws in all; well under a minute on two otherwise idle cores.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a runaway simulation fails the build rather than stalling it
class GateSimulationTest {

    private static final int DATA_SETS = 1000;
    private static final int[] SIZES = {200, 5000};
    /** (b) is furthest from its nominal level at n = 200, where data sets are cheap: more of them there. */
    private static final int NULL_DATA_SETS_AT_200 = 4000;
    private static final int POWER_DATA_SETS = 200;
    private static final String PAIRED_RULE = "significant(rmse < baseline.rmse)";
    private static final String MIRRORED_RULE = "significant(rmse > baseline.rmse)";
    private static final String[] CLASSIFICATION_RULES = {
        "significant(accuracy > baseline.accuracy)", "significant(precision > baseline.precision)",
        "significant(recall > baseline.recall)", "significant(f1 > baseline.f1)"};
    private static final String[] CORRECTIONS = {"none", "bonferroni", "holm"};
    private static final double TRUE_MAE = Math.sqrt(2 / Math.PI);
    /** Candidate accuracy in {@link #exchangeableClassifiers}: 0.7·0.9 + 0.2·0.7 + 0.1·0.5. */
    private static final double TRUE_ACCURACY = 0.82;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    private static final Map<Integer, List<RegressionRun>> NULL_REGRESSION = new HashMap<>();
    private static final Map<Integer, List<ClassificationRun>> NULL_CLASSIFICATION = new HashMap<>();

    /** The process's CPU time when the simulations began: what they cost shows on a busy machine too. */
    private static long cpuAtStart;
    private static long wallAtStart;

    @BeforeAll
    static void startClock() {
        cpuAtStart = processCpuNanos();
        wallAtStart = System.nanoTime();
    }

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
        double cpu = (processCpuNanos() - cpuAtStart) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "simulations: %.1f s wall, %.1f s of CPU time (%.1f s of wall time on %d idle"
                + " cores)%n", (System.nanoTime() - wallAtStart) / 1e9, cpu, cpu / cores, cores);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** A regression data set under the null: the verdict of the paired rule and the candidate's percentile intervals. */
    private record RegressionRun(GateVerdict verdict, ConfidenceInterval percentileRmse, ConfidenceInterval percentileMae) {
    }

    /** A classification data set under the null: one verdict per correction, the candidate's percentile interval. */
    private record ClassificationRun(List<GateVerdict> verdicts, ConfidenceInterval percentileAccuracy) {
    }

    // ---- (a) coverage --------------------------------------------------------------------------------------

    @Test
    void intervalsCoverTheTruthIn93To97PercentAndEachTailMissesAtMost3Point5() throws Exception {
        System.out.println("(a) 95% BCa intervals of the candidate's metrics: covered / entirely below the truth /"
                + " entirely above (the percentile interval of the same resamples for comparison)");
        for (int n : SIZES) {
            // At n = 200 all 4,000 regression data sets: at 1,000 the Monte-Carlo error (0.55 points at 3%) would not
            // tell BCa's lower tail (about 3%) from the percentile interval's (about 4.5%) against the 3.5% bound.
            List<RegressionRun> regression = nullRegression(n);
            List<ClassificationRun> classification = nullClassification(n);
            coverage("rmse", 1.0, n, regression.stream().map(RegressionRun::verdict).toList(),
                    regression.stream().map(RegressionRun::percentileRmse).toList());
            coverage("mae", TRUE_MAE, n, regression.stream().map(RegressionRun::verdict).toList(),
                    regression.stream().map(RegressionRun::percentileMae).toList());
            coverage("accuracy", TRUE_ACCURACY, n, classification.stream().map(r -> r.verdicts().get(0)).toList(),
                    classification.stream().map(ClassificationRun::percentileAccuracy).toList());
        }
    }

    private static void coverage(String metric, double truth, int n, List<GateVerdict> verdicts,
            List<ConfidenceInterval> percentile) {
        int below = 0;
        int above = 0;
        for (GateVerdict v : verdicts) {
            if (v.getMetrics().get(metric + ".ci_high") < truth) {
                below++;
            } else if (v.getMetrics().get(metric + ".ci_low") > truth) {
                above++;
            }
        }
        int percentileBelow = (int) percentile.stream().filter(ci -> ci.high() < truth).count();
        int percentileAbove = (int) percentile.stream().filter(ci -> ci.low() > truth).count();
        int k = verdicts.size();
        int covered = k - below - above;
        System.out.printf(Locale.ROOT, "    n = %5d  %-8s %4d sets  BCa covered %s  below %s  above %s   (percentile: %s,"
                + " %s, %s)%n", n, metric, k, rate(covered, k), rate(below, k), rate(above, k),
                share(k - percentileBelow - percentileAbove, k), share(percentileBelow, k), share(percentileAbove, k));
        assertThat((double) covered / k).as(metric + " coverage at n = " + n).isBetween(0.93, 0.97);
        assertThat((double) below / k).as(metric + " entirely below the truth at n = " + n).isLessThanOrEqualTo(0.035);
        assertThat((double) above / k).as(metric + " entirely above the truth at n = " + n).isLessThanOrEqualTo(0.035);
    }

    // ---- (b) type-I error and (c) power of the paired test ---------------------------------------------------

    @Test
    void pairedTestFiresAtAboutItsLevelWhenTheModelsAreEqual() throws Exception {
        System.out.println("(b) two models of equal true RMSE (errors N(0,1), correlated 0.9): share of data sets where "
                + PAIRED_RULE + " holds, and its mirror " + MIRRORED_RULE + " (one-sided level 2.5% each)");
        for (int n : SIZES) {
            List<RegressionRun> runs = nullRegression(n);
            int k = runs.size();
            long lower = runs.stream().filter(r -> r.verdict().getResults().get(0).isPassed()).count();
            long upper = runs.stream().filter(r -> r.verdict().getResults().get(1).isPassed()).count();
            System.out.printf(Locale.ROOT, "    n = %5d  %s: %s  mirror: %s  both sides pooled: %s of %d data sets%n", n,
                    PAIRED_RULE, share(lower, k), share(upper, k), rate(lower + upper, 2 * k), k);
            assertThat(runs.get(0).verdict().getResults().get(0).getComparison()).isEqualTo("paired");
            // The models are exchangeable, so the rule and its mirror have the same false-alarm rate and the pooled
            // share estimates it with half the variance. 2.5% nominal; 3.5% allows two Monte-Carlo standard errors
            // of a single 1,000-set rate and the interval's small-sample excess.
            assertThat((double) (lower + upper) / (2 * k)).as("type-I error at n = " + n).isLessThanOrEqualTo(0.035);
        }
    }

    @Test
    void pairedTestSeesASmallImprovementTheUnpairedComparisonMisses() throws Exception {
        System.out.println("(c) candidate RMSE 7% lower at n = 200 (1.4% at n = 5,000: the same in standard errors),"
                + " errors correlated 0.95: share of " + POWER_DATA_SETS + " data sets where " + PAIRED_RULE + " holds;"
                + " unpaired = against the baseline's RMSE recorded on the same examples");
        for (int n : SIZES) {
            double scale = 1 - 0.07 * Math.sqrt(200.0 / n);
            List<GateVerdict[]> runs = simulate(POWER_DATA_SETS, seed -> {
                GateInputs paired = pairedRegression(n, scale, 0.95, 1_000_000 + seed);
                // The unpaired gate's best case: the baseline's number measured on these very examples, not another set.
                double recorded = rmse((RegressionPredictions) paired.paired().baseline());
                GateInputs unpaired = GateInputs.builder().predictions(paired.paired().candidate())
                        .baseline(Baseline.of(Map.of("rmse", recorded), "recorded")).build();
                return new GateVerdict[] {gate(paired, seed, "none", PAIRED_RULE), gate(unpaired, seed, "none", PAIRED_RULE)};
            });
            long pairedHits = runs.stream().filter(v -> v[0].isPassed()).count();
            long unpairedHits = runs.stream().filter(v -> v[1].isPassed()).count();
            System.out.printf(Locale.ROOT, "    n = %5d  power paired %s  unpaired %s%n", n,
                    rate(pairedHits, POWER_DATA_SETS), rate(unpairedHits, POWER_DATA_SETS));
            assertThat(runs.get(0)[1].getResults().get(0).getComparison()).isEqualTo("unpaired");
            assertThat((double) pairedHits / POWER_DATA_SETS).as("paired power at n = " + n).isGreaterThan(0.8);
            assertThat((double) unpairedHits / POWER_DATA_SETS).as("unpaired power at n = " + n).isLessThan(0.3);
        }
    }

    // ---- (d) several tests, one error rate ------------------------------------------------------------------

    @Test
    void holmKeepsTheFamilyWiseFalseAlarmRateAtItsLevel() throws Exception {
        System.out.println("(d) two exchangeable classifiers (3 classes, 70/20/10): share of " + DATA_SETS + " data sets"
                + " where at least one of 4 paired significant() rules (accuracy, precision, recall, f1 better than the"
                + " baseline's) holds — the gate's family-wise false alarms; level 2.5%");
        for (int n : SIZES) {
            List<ClassificationRun> runs = nullClassification(n);
            long[] alarms = new long[CORRECTIONS.length];
            long[] alone = new long[CLASSIFICATION_RULES.length];
            for (ClassificationRun run : runs) {
                for (int c = 0; c < CORRECTIONS.length; c++) {
                    if (run.verdicts().get(c).getResults().stream().anyMatch(RuleResult::isPassed)) {
                        alarms[c]++;
                    }
                }
                for (int r = 0; r < CLASSIFICATION_RULES.length; r++) {
                    if (run.verdicts().get(0).getResults().get(r).isPassed()) {
                        alone[r]++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "    n = %5d  none %s  bonferroni %s  holm %s%n", n,
                    rate(alarms[0], DATA_SETS), rate(alarms[1], DATA_SETS), rate(alarms[2], DATA_SETS));
            System.out.printf(Locale.ROOT, "               each rule alone: accuracy %s  precision %s  recall %s  f1 %s%n",
                    share(alone[0], DATA_SETS), share(alone[1], DATA_SETS), share(alone[2], DATA_SETS),
                    share(alone[3], DATA_SETS));
            GateVerdict first = runs.get(0).verdicts().get(0);
            assertThat(first.getSignificanceTests()).isEqualTo(4);
            assertThat(first.getFamilyWiseErrorRate()).isCloseTo(0.1, within(1e-12));
            assertThat(runs.get(0).verdicts().get(2).getFamilyWiseErrorRate()).isCloseTo(0.025, within(1e-12));
            for (int r = 0; r < CLASSIFICATION_RULES.length; r++) {
                assertThat((double) alone[r] / DATA_SETS).as(CLASSIFICATION_RULES[r] + " alone at n = " + n)
                        .isLessThanOrEqualTo(0.035);
            }
            // At or under 2.5%, allowing two Monte-Carlo standard errors (0.5 points each at 1,000 data sets).
            assertThat((double) alarms[2] / DATA_SETS).as("Holm's family-wise rate at n = " + n).isLessThanOrEqualTo(0.035);
            assertThat(alarms[2]).as("Holm accepts at least what Bonferroni does").isGreaterThanOrEqualTo(alarms[1]);
            assertThat(alarms[0]).as("four tests without a correction err more often than Holm's")
                    .isGreaterThan(alarms[2]);
        }
    }

    // ---- the shared simulations ------------------------------------------------------------------------------

    private static synchronized List<RegressionRun> nullRegression(int n) throws Exception {
        if (!NULL_REGRESSION.containsKey(n)) {
            int count = n == 200 ? NULL_DATA_SETS_AT_200 : DATA_SETS;
            NULL_REGRESSION.put(n, simulate(count, seed -> {
                GateInputs inputs = pairedRegression(n, 1.0, 0.9, seed);
                Resamples resamples = MetricGate.resample(inputs, options("none", seed));
                RuleSet rules = RuleSet.parse("thresholds", List.of(PAIRED_RULE, MIRRORED_RULE));
                GateVerdict verdict = MetricGate.evaluate(rules, inputs, options("none", seed), resamples);
                return new RegressionRun(verdict, resamples.distribution("rmse").percentileInterval(0.95),
                        resamples.distribution("mae").percentileInterval(0.95));
            }));
        }
        return NULL_REGRESSION.get(n);
    }

    private static synchronized List<ClassificationRun> nullClassification(int n) throws Exception {
        if (!NULL_CLASSIFICATION.containsKey(n)) {
            NULL_CLASSIFICATION.put(n, simulate(DATA_SETS, seed -> {
                GateInputs inputs = exchangeableClassifiers(n, seed);
                Resamples resamples = MetricGate.resample(inputs, options("none", seed));
                List<GateVerdict> verdicts = new ArrayList<>();
                for (String correction : CORRECTIONS) {
                    verdicts.add(MetricGate.evaluate(RuleSet.parse("thresholds", List.of(CLASSIFICATION_RULES)), inputs,
                            options(correction, seed), resamples));
                }
                return new ClassificationRun(verdicts, resamples.distribution("accuracy").percentileInterval(0.95));
            }));
        }
        return NULL_CLASSIFICATION.get(n);
    }

    /** One bootstrap thread per data set (data sets run side by side; results do not depend on either). */
    private static GateOptions options(String correction, long seed) {
        return GateOptions.builder("").threads(1).seed(seed).correction(correction).build();
    }

    private static GateVerdict gate(GateInputs inputs, long seed, String correction, String... rules)
            throws InterruptedException {
        return MetricGate.evaluate(RuleSet.parse("thresholds", List.of(rules)), inputs, options(correction, seed));
    }

    /** Runs {@code oneDataSet} for seeds 0 .. count-1, side by side, and returns the results in seed order. */
    private static <T> List<T> simulate(int count, Simulation<T> oneDataSet) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int seed = k;
            futures.add(POOL.submit(() -> oneDataSet.run(seed)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    interface Simulation<T> {
        T run(int seed) throws Exception;
    }

    private static String rate(long hits, int of) {
        double p = (double) hits / of;
        return String.format(Locale.ROOT, "%5.1f%% (SE %.1f)", 100 * p, 100 * Math.sqrt(p * (1 - p) / of));
    }

    private static String share(long hits, int of) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * hits / of);
    }

    // ---- data ------------------------------------------------------------------------------------------------

    /**
     * Baseline errors N(0, 1); the candidate's {@code scale} times a N(0, 1) correlated {@code rho} with them, so its
     * true RMSE is {@code scale} (its true MAE {@code scale·sqrt(2/π)}) and both models err on the same hard examples,
     * as two versions of a model do.
     */
    static GateInputs pairedRegression(int n, double scale, double rho, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 31337 + 5);
        double[] labels = new double[n];
        double[] candidate = new double[n];
        double[] baseline = new double[n];
        double own = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            labels[i] = 3;
            double shared = gaussian(rng);
            baseline[i] = labels[i] + shared;
            candidate[i] = labels[i] + scale * (rho * shared + own * gaussian(rng));
        }
        PairedPredictions paired = PairedPredictions.of(new RegressionPredictions(labels, candidate),
                new RegressionPredictions(labels.clone(), baseline), PairedPredictions.Matching.ROW_ORDER);
        return GateInputs.builder().paired(paired).baseline(Baseline.of(Map.of(), "simulated baseline")).build();
    }

    /**
     * Three imbalanced classes (70/20/10); both models predict from the same distribution — right with probability
     * 0.9, 0.7, 0.5 by class, else another class at random — and on half of the examples they make the same
     * prediction. Exchangeable, so every true difference is 0; the imbalance keeps accuracy and the macro averages
     * apart, which is what makes four tests err more often than one.
     */
    static GateInputs exchangeableClassifiers(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 65537 + 11);
        int[] labels = new int[n];
        int[] candidate = new int[n];
        int[] baseline = new int[n];
        double[] right = {0.9, 0.7, 0.5};
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            labels[i] = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
            candidate[i] = predict(labels[i], right, rng);
            baseline[i] = rng.nextBoolean() ? candidate[i] : predict(labels[i], right, rng);
        }
        List<String> classes = List.of("a", "b", "c");
        PairedPredictions paired = PairedPredictions.of(new ClassificationPredictions(labels, candidate, classes),
                new ClassificationPredictions(labels.clone(), baseline, classes), PairedPredictions.Matching.ROW_ORDER);
        return GateInputs.builder().paired(paired).baseline(Baseline.of(Map.of(), "simulated baseline")).build();
    }

    private static int predict(int label, double[] right, SplittableRandom rng) {
        if (rng.nextDouble() < right[label]) {
            return label;
        }
        return (label + 1 + rng.nextInt(2)) % 3;
    }

    private static double rmse(RegressionPredictions p) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            double d = p.prediction(i) - p.label(i);
            s += d * d;
        }
        return Math.sqrt(s / p.size());
    }

    /** A standard normal variate by Box-Muller (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
