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
        for (int r = 0; r < count; r++) {
            SplittableRandom rng = new SplittableRandom(Bootstrap.resampleSeed(seed, first + r));
            streams[r] = rng;
            if (blocks == 1) {
                counts[r] = n;
            } else {
                drawCounts(rng, r * blocks);
            }
        }
    }

    /** The block of each of {@code n} uniform indices, two indices per 64 random bits. */
    private void drawCounts(SplittableRandom rng, int base) {
        final int[] c = counts;
        final int total = n;
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

    /**
     * Draws the positions of resample {@code r}'s draws in block {@code k} and writes them (as example indices) to
     * {@code into}, which must hold at least {@link #count(int, int)} entries; returns that count. Call for the
     * blocks of one resample in increasing order: that fixes the order in which its stream is consumed.
     *
     * <p>A full block has 2^{@value #SHIFT} examples, so a position is exactly {@value #SHIFT} random bits: one
     * 64-bit draw gives five positions, with no rejection and no bias. Only a shorter last block needs the general
     * bounded draw.
     */
    int positions(int r, int k, int[] into) {
        int count = count(r, k);
        int start = k << SHIFT;
        int size = blockSize(k);
        SplittableRandom rng = streams[r];
        int t = 0;
        if (size == BLOCK) {
            final int mask = BLOCK - 1;
            for (; t + 5 <= count; t += 5) {
                long bits = rng.nextLong();
                into[t] = start + (int) (bits & mask);
                into[t + 1] = start + (int) ((bits >>> SHIFT) & mask);
                into[t + 2] = start + (int) ((bits >>> (2 * SHIFT)) & mask);
                into[t + 3] = start + (int) ((bits >>> (3 * SHIFT)) & mask);
                into[t + 4] = start + (int) ((bits >>> (4 * SHIFT)) & mask);
            }
            if (t < count) {
                long bits = rng.nextLong();
                for (; t < count; t++) {
                    into[t] = start + (int) (bits & mask);
                    bits >>>= SHIFT;
                }
            }
        } else {
            for (; t + 1 < count; t += 2) {
                long bits = rng.nextLong();
                into[t] = start + boundedIndex(bits >>> 32, size, rng);
                into[t + 1] = start + boundedIndex(bits & 0xFFFFFFFFL, size, rng);
            }
            if (t < count) {
                into[t] = start + boundedIndex(rng.nextLong() >>> 32, size, rng);
            }
        }
        return count;
    }

    /** The largest count of any block in the current batch: how large a {@link #positions} buffer must be. */
    int maxCount() {
        int max = 0;
        for (int i = 0; i < size * blocks; i++) {
            max = Math.max(max, counts[i]);
        }
        return max;
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
