package io.jenkins.plugins.mlops.core.validate.stats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: the gate's bootstrap over 1,000,000 predictions with 1,000 resamples — unpaired (one model,
 * the baseline of this benchmark) and paired (candidate and baseline from the same draws, plus the interval of their
 * difference), each with its BCa intervals, taking turns. Prints the median times, the paired/unpaired ratio (target
 * under 2), a straightforward single-threaded loop for scale, and peak heap per case. Run it with
 * scripts/bench-validate.sh. Arguments: [examples] [resamples] [rounds].
 */
public final class BootstrapBenchmark {

    private BootstrapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        RegressionPredictions data = syntheticRegression(n);
        // The candidate is a retrained model; the baseline the current one, whose predictions the unpaired case resamples.
        PairedPredictions paired = PairedPredictions.of(challenger(data), data, PairedPredictions.Matching.ROW_ORDER);
        System.out.printf(Locale.ROOT, "bootstrap of RMSE and MAE: %,d predictions, %,d resamples, %d cores, %s%n",
                n, resamples, cores, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average before the run: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // Warm-up so that the timed runs measure compiled code, as a long-running Jenkins controller would.
        new Bootstrap(1, 20, cores).resample(data).interval("rmse", 0.95);
        new Bootstrap(1, 20, cores).resample(paired).interval("rmse", 0.95);

        // Unpaired (one model, the gate as it was: its metrics' intervals) and paired (two models from the same
        // draws, plus the interval of the difference) take turns, so that a busy machine slows both alike.
        double[] unpairedTimes = new double[rounds];
        double[] pairedTimes = new double[rounds];
        double[] bcaTimes = new double[rounds];
        long unpairedHeap = 0;
        long pairedHeap = 0;
        Resamples engine = null;
        Resamples pairedEngine = null;
        ConfidenceInterval delta = null;
        for (int r = 0; r < rounds; r++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            engine = new Bootstrap(Bootstrap.DEFAULT_SEED, resamples, cores).resample(data);
            long t1 = System.nanoTime();
            engine.interval("rmse", 0.95);
            engine.interval("mae", 0.95);
            unpairedTimes[r] = (System.nanoTime() - t0) / 1e9;
            bcaTimes[r] = (System.nanoTime() - t1) / 1e9;
            unpairedHeap = Math.max(unpairedHeap, peakHeapBytes());

            System.gc();
            resetPeaks();
            long t2 = System.nanoTime();
            pairedEngine = new Bootstrap(Bootstrap.DEFAULT_SEED, resamples, cores).resample(paired);
            for (String m : List.of("rmse", "mae", "baseline.rmse", "baseline.mae")) {
                pairedEngine.interval(m, 0.95);
            }
            int c = pairedEngine.indexOf("rmse");
            int b = pairedEngine.indexOf("baseline.rmse");
            delta = pairedEngine.distribution(v -> v[c] - v[b]).interval(0.95);
            pairedTimes[r] = (System.nanoTime() - t2) / 1e9;
            pairedHeap = Math.max(pairedHeap, peakHeapBytes());
        }
        double unpairedSeconds = median(unpairedTimes);
        double pairedSeconds = median(pairedTimes);

        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        Resamples oneThread = new Bootstrap(Bootstrap.DEFAULT_SEED, resamples, 1).resample(data);
        double oneThreadSeconds = (System.nanoTime() - t1) / 1e9;
        double oneThreadCpu = (processCpuNanos() - c1) / 1e9;

        int naiveResamples = Math.max(10, resamples / 50);
        long t2 = System.nanoTime();
        double naiveLow = naiveBootstrapLow(data, naiveResamples);
        double naiveSeconds = (System.nanoTime() - t2) / 1e9 * resamples / naiveResamples;

        ConfidenceInterval ci = engine.interval("rmse", 0.95);
        ConfidenceInterval ci1 = oneThread.interval("rmse", 0.95);
        System.out.printf(Locale.ROOT, "rmse = %.6f, 95%% BCa CI [%.6f, %.6f] (naive loop, fewer resamples: percentile low"
                + " %.6f)%n", engine.value("rmse"), ci.low(), ci.high(), naiveLow);
        System.out.printf(Locale.ROOT, "paired: rmse - baseline.rmse = %.6f, 95%% BCa CI [%.6f, %.6f]%n",
                pairedEngine.value("rmse") - pairedEngine.value("baseline.rmse"), delta.low(), delta.high());
        System.out.printf(Locale.ROOT, "same interval with 1 thread: %b%n", ci.equals(ci1));
        System.out.printf(Locale.ROOT, "unpaired, %d threads (baseline): %7.3f s  (median of %d; of which BCa intervals"
                + " %.3f s)%n", cores, unpairedSeconds, rounds, median(bcaTimes));
        System.out.printf(Locale.ROOT, "paired, 2 models, %d threads:    %7.3f s  (median of %d; %.2fx the unpaired"
                + " time)%n", cores, pairedSeconds, rounds, pairedSeconds / unpairedSeconds);
        System.out.printf(Locale.ROOT, "unpaired, 1 thread:             %7.3f s  (CPU time %.3f s)%n",
                oneThreadSeconds, oneThreadCpu);
        System.out.printf(Locale.ROOT, "naive loop, 1 thread:           %7.3f s  (extrapolated from %d resamples; %.1fx"
                + " the unpaired time)%n", naiveSeconds, naiveResamples, naiveSeconds / unpairedSeconds);
        System.out.printf(Locale.ROOT, "target: unpaired under 2 s -> %s; paired under 2x unpaired -> %s%n",
                unpairedSeconds < 2 ? "met" : "MISSED", pairedSeconds < 2 * unpairedSeconds ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "peak heap used: unpaired %.1f MiB, paired %.1f MiB (data: %.1f MiB per model);"
                + " peak resident set of the process (VmHWM): %s%n", unpairedHeap / 1048576.0, pairedHeap / 1048576.0,
                16.0 * n / 1048576, vmHwm());

        // Not part of the target, but what a gate over a million predictions also pays: reading the file.
        Path csv = Files.createTempFile("bench-predictions", ".csv");
        try {
            writeCsv(data, csv);
            long t3 = System.nanoTime();
            Predictions read = PredictionsFile.read(csv, null);
            System.out.printf(Locale.ROOT, "reading predictions.csv (%,d rows, %.1f MiB): %.3f s%n",
                    read.size(), Files.size(csv) / 1048576.0, (System.nanoTime() - t3) / 1e9);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static void writeCsv(RegressionPredictions data, Path csv) throws IOException {
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("label,prediction\n");
            for (int i = 0; i < data.size(); i++) {
                w.write(Double.toString(data.label(i)));
                w.write(',');
                w.write(Double.toString(data.prediction(i)));
                w.write('\n');
            }
        }
    }

    /** Labels 1..5 (ratings), predictions off by Gaussian noise: RMSE near 0.9. Deterministic. */
    static RegressionPredictions syntheticRegression(int n) {
        SplittableRandom rng = new SplittableRandom(7);
        double[] labels = new double[n];
        double[] predictions = new double[n];
        Random gaussian = new Random(11);
        for (int i = 0; i < n; i++) {
            labels[i] = 1 + rng.nextInt(9) * 0.5;
            predictions[i] = labels[i] + 0.9 * gaussian.nextGaussian();
        }
        return new RegressionPredictions(labels, predictions);
    }

    /** A second model on the same examples: mostly the same errors, slightly smaller, as a retrained model makes. */
    static RegressionPredictions challenger(RegressionPredictions champion) {
        Random gaussian = new Random(13);
        int n = champion.size();
        double[] labels = new double[n];
        double[] predictions = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = champion.label(i);
            double error = champion.prediction(i) - labels[i];
            predictions[i] = labels[i] + 0.97 * error + 0.2 * gaussian.nextGaussian();
        }
        return new RegressionPredictions(labels, predictions);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** What one would write first: java.util.Random, modulo-based nextInt, errors recomputed per draw, one thread. */
    private static double naiveBootstrapLow(RegressionPredictions data, int resamples) {
        int n = data.size();
        Random random = new Random(Bootstrap.DEFAULT_SEED);
        double[] rmse = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                double d = data.prediction(j) - data.label(j);
                sum += d * d;
            }
            rmse[b] = Math.sqrt(sum / n);
        }
        return new BootstrapDistribution(rmse).quantile(0.025);
    }

    /** CPU time of the whole process: with other work on the machine, wall time alone says little. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static String vmHwm() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring("VmHWM:".length()).trim())
                .findFirst().orElse("n/a");
    }
}
