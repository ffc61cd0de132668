package io.jenkins.plugins.mlops.core.validate.stats;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: percentile bootstrap of RMSE over 1,000,000 predictions with 1,000 resamples. Prints wall
 * time, the ratio against a straightforward single-threaded loop measured in the same run, and peak memory.
 * Run it with scripts/bench-validate.sh. Arguments: [examples] [resamples].
 */
public final class BootstrapBenchmark {

    private BootstrapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int cores = Runtime.getRuntime().availableProcessors();
        RegressionPredictions data = syntheticRegression(n);
        System.out.printf(Locale.ROOT, "bootstrap of RMSE: %,d predictions, %,d resamples, %d cores, %s%n",
                n, resamples, cores, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average before the run: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // Warm-up so that the timed runs measure compiled code, as a long-running Jenkins controller would.
        new Bootstrap(1, 20, cores).resample(data);

        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        Resamples engine = new Bootstrap(Bootstrap.DEFAULT_SEED, resamples, cores).resample(data);
        double engineSeconds = (System.nanoTime() - t0) / 1e9;
        double engineCpu = (processCpuNanos() - c0) / 1e9;

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
        System.out.printf(Locale.ROOT, "rmse = %.6f, 95%% CI [%.6f, %.6f] (naive loop, fewer resamples: low %.6f)%n",
                engine.value("rmse"), ci.low(), ci.high(), naiveLow);
        System.out.printf(Locale.ROOT, "same interval with 1 thread: %b%n", ci.equals(ci1));
        System.out.printf(Locale.ROOT, "engine, %d threads:              %7.3f s  (CPU time %.3f s)%n",
                cores, engineSeconds, engineCpu);
        System.out.printf(Locale.ROOT, "engine, 1 thread:               %7.3f s  (CPU time %.3f s; %.2fx the %d-thread time)%n",
                oneThreadSeconds, oneThreadCpu, oneThreadSeconds / engineSeconds, cores);
        System.out.printf(Locale.ROOT, "baseline (naive loop, 1 thread): %7.3f s  (extrapolated from %d resamples; %.1fx the engine time)%n",
                naiveSeconds, naiveResamples, naiveSeconds / engineSeconds);
        System.out.printf(Locale.ROOT, "target: under 2 s -> %s%n", engineSeconds < 2 ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "peak heap used: %.1f MiB; peak resident set (VmHWM): %s%n",
                peakHeapBytes() / 1048576.0, vmHwm());

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
