package io.jenkins.plugins.mlops.core.validate.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a batch of bootstrap resamples ({@code n} indices uniform over {@code [0, n)}, with replacement, each) so
 * that the examples are read from cache rather than from main memory. For every resample, first how many of its
 * draws fall into each block of {@value #BLOCK} consecutive examples; then, block by block, that many uniform
 * positions within the block for every resample of the batch, while the block sits in cache.
 *
 * <p>This is the same distribution as {@code n} direct draws: a uniform index is a block chosen with probability
 * proportional to its size and then a uniform position within it, and the positions are independent given the
 * blocks. Each resample consumes its own random stream in a fixed order (block counts, then blocks in order), so
 * results do not depend on the batch size or on how resamples are spread over threads.
 *
 * <p>Why: drawn directly, a million examples make every read wait on main memory, and every resample streams the
 * whole data set through the cache; blocked and batched, a block is fetched once per batch and read from L1.
 * scripts/bench-validate.sh measures the difference.
 */
final class BlockedDraws {

    static final int SHIFT = 11;
    static final int BLOCK = 1 << SHIFT;
    /** Resamples sharing one pass over the data; their counts (blocks x BATCH ints) stay in cache. */
    static final int BATCH = 16;

    private final int n;
    private final int blocks;
    /** counts[r * blocks + k]: draws of resample r in block k; resample-major so drawing one resample's counts touches little memory. */
    private final int[] counts;
    private final SplittableRandom[] streams = new SplittableRandom[BATCH];
    private int size;

    BlockedDraws(int n) {
        this.n = n;
        this.blocks = (n + BLOCK - 1) >>> SHIFT;
        this.counts = new int[blocks * BATCH];
    }

    /**
     * Starts a batch: resamples {@code first .. first+count-1}, each with its own stream seeded by
     * {@link Bootstrap#resampleSeed}, and draws their block counts.
     */
    void start(long seed, int first, int count) {
        if (count < 1 || count > BATCH) {
            throw new IllegalArgumentException("batch of " + count);
        }
        size = count;
        Arrays.fill(counts, 0);
        final int[] c = counts;
        final int total = n;
        for (int r = 0; r < count; r++) {
            SplittableRandom rng = new SplittableRandom(Bootstrap.resampleSeed(seed, first + r));
            streams[r] = rng;
            final int base = r * blocks;
            int i = 0;
            for (; i + 1 < total; i += 2) {
                long bits = rng.nextLong();
                c[base + (boundedIndex(bits >>> 32, total, rng) >>> SHIFT)]++;
                c[base + (boundedIndex(bits & 0xFFFFFFFFL, total, rng) >>> SHIFT)]++;
            }
            if (i < total) {
                c[base + (boundedIndex(rng.nextLong() >>> 32, total, rng) >>> SHIFT)]++;
            }
        }
    }

    /** Resamples in the current batch. */
    int size() {
        return size;
    }

    int blocks() {
        return blocks;
    }

    /** The random stream of resample {@code r} of the batch; draw positions within blocks from it, in block order. */
    SplittableRandom stream(int r) {
        return streams[r];
    }

    /** How many draws of resample {@code r} fall into block {@code k}. */
    int count(int r, int k) {
        return counts[r * blocks + k];
    }

    int blockStart(int k) {
        return k << SHIFT;
    }

    int blockSize(int k) {
        return Math.min(BLOCK, n - (k << SHIFT));
    }

    /**
     * A uniform index in {@code [0, bound)} from 32 random bits, by multiply-and-shift with rejection of the few values
     * that would bias it (Lemire's method): no division on the fast path, which matters at a billion draws.
     *
     * @param bits 32 random bits in the low half of a long
     */
    static int boundedIndex(long bits, int bound, SplittableRandom rng) {
        long m = bits * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (rng.nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }
}
