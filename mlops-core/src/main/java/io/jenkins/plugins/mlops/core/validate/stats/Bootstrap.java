package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bootstrap of the metrics computed from predictions: {@code B} resamples of the {@code n} examples drawn with
 * replacement, each metric computed on every resample ({@link Resamples}; intervals in {@link BootstrapDistribution}).
 *
 * <p>Reproducible by construction: resample {@code b} draws from its own {@link SplittableRandom} whose seed is a
 * fixed function of ({@code seed}, {@code b}), so the result is the same for any number of threads and on any
 * machine. Threads split the resamples into contiguous ranges.
 */
public final class Bootstrap {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_RESAMPLES = 1000;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final long seed;
    private final int resamples;
    private final int threads;

    /**
     * @param threads how many threads share the resamples; the result does not depend on it
     */
    public Bootstrap(long seed, int resamples, int threads) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.seed = seed;
        this.resamples = resamples;
        this.threads = threads;
    }

    /** One thread per available processor. */
    public Bootstrap(long seed, int resamples) {
        this(seed, resamples, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The standard metrics of {@code predictions} on all examples and on every resample: {@code rmse}, {@code mae}
     * for regression; {@code accuracy}, {@code precision}, {@code recall}, {@code f1} (macro) and
     * {@code majority.accuracy} for classification.
     *
     * @throws InterruptedException when the calling thread is interrupted (the build was aborted); workers stop too
     */
    public Resamples resample(Predictions predictions) throws InterruptedException {
        ResampledStatistic statistic = predictions instanceof RegressionPredictions r
                ? new RegressionStatistic(r)
                : new ClassificationStatistic((ClassificationPredictions) predictions);
        return new Resamples(statistic, statistic.onAll(), draw(statistic), predictions.task(), false);
    }

    /**
     * Both models' metrics from one set of resampled examples: the candidate's under their own names, the baseline's
     * as {@code baseline.rmse}, {@code baseline.accuracy}, ... Resample {@code b} draws the same examples as it would
     * for either side alone.
     */
    public Resamples resample(PairedPredictions paired) throws InterruptedException {
        ResampledStatistic statistic = paired.task() == PredictionTask.REGRESSION
                ? new RegressionStatistic(paired)
                : new ClassificationStatistic(paired);
        return new Resamples(statistic, statistic.onAll(), draw(statistic), paired.task(), true);
    }

    private double[][] draw(ResampledStatistic statistic) throws InterruptedException {
        int metrics = statistic.names().size();
        double[][] samples = new double[metrics][resamples];
        int workers = Math.min(threads, resamples);
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread t = new Thread(runnable, "mlops-bootstrap-" + POOL_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int from = (int) ((long) resamples * w / workers);
                int to = (int) ((long) resamples * (w + 1) / workers);
                futures.add(pool.submit(() -> {
                    ResampledStatistic.Worker worker = statistic.newWorker();
                    BlockedDraws draws = new BlockedDraws(statistic.size());
                    double[][] out = new double[metrics][BlockedDraws.BATCH];
                    for (int b = from; b < to; b += BlockedDraws.BATCH) {
                        if (Thread.currentThread().isInterrupted()) {
                            return null;
                        }
                        int count = Math.min(BlockedDraws.BATCH, to - b);
                        draws.start(seed, b, count);
                        worker.resampleBatch(draws, out);
                        for (int k = 0; k < metrics; k++) {
                            System.arraycopy(out[k], 0, samples[k], b, count);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return samples;
    }

    /**
     * The seed of resample {@code b}: SplitMix64's finaliser over {@code seed + (b+1)·γ}, which spreads neighbouring
     * inputs over the whole 64-bit range so that the resamples' streams are unrelated.
     */
    static long resampleSeed(long seed, int b) {
        long z = seed + 0x9E3779B97F4A7C15L * (b + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
