package io.qmoe.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over seeds for a sweep {@code values[seed][i]} (one row per seed, one column per N of the
 * grid). Whole seeds are resampled with replacement — the seeds are the independent replicates, the N of one seed are
 * not — B times; for each resample the per-N means and a statistic of the seed-averaged curve (by default its log–log
 * least-squares slope) are recomputed, and the interval [lo, hi] is the (1−level)/2 and (1+level)/2 quantiles of the B
 * replicates (linear interpolation between order statistics: h = (B−1)p, the "type 7" rule). The estimate is the
 * statistic of the original sample.
 *
 * <p>Deterministic: the generator of resample b is a {@link SplittableRandom} seeded by the b-th draw of a root
 * generator built from the configured seed, and each resample writes only its own slot, so the result has the same
 * bits on any thread count. Resamples whose statistic is not finite (e.g. a curve with fewer than two positive means)
 * are left out of that statistic's interval.
 */
public final class SeedBootstrap {
    /** Resamples per parallel task; fixed, so the work split never depends on the thread count. */
    private static final int CHUNK = 64;

    /** A statistic of a seed-averaged curve over the N grid, e.g. its log–log slope. */
    @FunctionalInterface
    public interface CurveStatistic {
        /** The log–log least-squares slope of the mean curve (points with a non-positive mean are skipped). */
        CurveStatistic LOG_LOG_SLOPE = (n, mean) -> LineFit.logLog(n, mean).slope();

        /** The statistic of {@code mean} (the seed-averaged values at the grid {@code n}; neither is modified). */
        double of(double[] n, double[] mean);
    }

    /**
     * A bootstrap interval.
     *
     * @param estimate  the statistic of the original sample
     * @param lo        lower end of the percentile interval
     * @param hi        upper end of the percentile interval
     * @param seeds     number of seeds resampled
     * @param resamples number of resamples with a finite statistic that made the interval
     */
    public record Interval(double estimate, double lo, double hi, int seeds, int resamples) {
    }

    /**
     * The outcome of one bootstrap.
     *
     * @param level confidence level of the intervals (e.g. 0.95)
     * @param means one interval per N of the grid, for the mean over seeds
     * @param slope the interval for the curve statistic of the seed-averaged curve
     */
    public record Result(double level, List<Interval> means, Interval slope) {
        /** Makes the list unmodifiable. */
        public Result {
            means = List.copyOf(means);
        }
    }

    private final int resamples;
    private final long seed;
    private final double level;
    private final int threads;
    private final CurveStatistic statistic;

    private SeedBootstrap(Builder b) {
        this.resamples = b.resamples;
        this.seed = b.seed;
        this.level = b.level;
        this.threads = b.threads;
        this.statistic = b.statistic;
    }

    /** A builder with B = 2000 resamples, level 0.95, seed 1, all processors and the log–log slope statistic. */
    public static Builder builder() {
        return new Builder();
    }

    /** A bootstrap with every default. */
    public static SeedBootstrap standard() {
        return builder().build();
    }

    /**
     * Bootstraps {@code values[seed][i]} on the grid {@code n} (neither is modified). Every row must have one value per
     * N; there must be at least one seed.
     */
    public Result run(double[] n, double[][] values) {
        int seeds = values.length;
        int m = n.length;
        if (seeds == 0) {
            throw new IllegalArgumentException("the bootstrap needs at least one seed");
        }
        for (int s = 0; s < seeds; s++) {
            if (values[s].length != m) {
                throw new IllegalArgumentException("seed " + s + " has " + values[s].length + " values for " + m
                        + " values of N");
            }
        }
        int[] all = new int[seeds];
        Arrays.setAll(all, s -> s);
        double[] mean0 = new double[m];
        meanOver(values, all, mean0);
        double slope0 = statistic.of(n.clone(), mean0.clone());

        long[] streams = new long[resamples];
        SplittableRandom root = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            streams[b] = root.nextLong();
        }
        double[] means = new double[resamples * m]; // replicate b of the mean at N_i is means[i*B + b]
        double[] slopes = new double[resamples];
        int chunks = (resamples + CHUNK - 1) / CHUNK;
        FixedChunks.run(chunks, threads, c -> {
            int[] pick = new int[seeds];
            double[] mean = new double[m];
            for (int b = c * CHUNK; b < Math.min(resamples, (c + 1) * CHUNK); b++) {
                SplittableRandom rnd = new SplittableRandom(streams[b]);
                for (int s = 0; s < seeds; s++) {
                    pick[s] = rnd.nextInt(seeds);
                }
                meanOver(values, pick, mean);
                for (int i = 0; i < m; i++) {
                    means[i * resamples + b] = mean[i];
                }
                slopes[b] = statistic.of(n.clone(), mean.clone());
            }
        });
        List<Interval> meanIntervals = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            meanIntervals.add(interval(mean0[i], Arrays.copyOfRange(means, i * resamples, (i + 1) * resamples),
                    seeds));
        }
        return new Result(level, meanIntervals, interval(slope0, slopes, seeds));
    }

    private static void meanOver(double[][] values, int[] pick, double[] mean) {
        Arrays.fill(mean, 0);
        for (int s : pick) {
            double[] row = values[s];
            for (int i = 0; i < mean.length; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= pick.length;
        }
    }

    private Interval interval(double estimate, double[] replicates, int seeds) {
        double[] finite = Arrays.stream(replicates).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, seeds, 0);
        }
        double tail = (1 - level) / 2;
        return new Interval(estimate, quantile(finite, tail), quantile(finite, 1 - tail), seeds, finite.length);
    }

    /** The p-quantile of sorted data by linear interpolation at h = (n−1)p. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Configures a {@link SeedBootstrap}. */
    public static final class Builder {
        private int resamples = 2000;
        private long seed = 1;
        private double level = 0.95;
        private int threads;
        private CurveStatistic statistic = CurveStatistic.LOG_LOG_SLOPE;

        private Builder() {
        }

        /** Number of resamples B (at least 1; default 2000). */
        public Builder resamples(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("the bootstrap needs at least one resample, got " + b);
            }
            this.resamples = b;
            return this;
        }

        /** Seed of the resampling generator (default 1). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Confidence level in (0, 1) (default 0.95). */
        public Builder level(double l) {
            if (!(l > 0 && l < 1)) {
                throw new IllegalArgumentException("the confidence level must lie in (0, 1), got " + l);
            }
            this.level = l;
            return this;
        }

        /** Threads to use; 0 (the default) means all available processors. Does not change the result. */
        public Builder threads(int t) {
            this.threads = t;
            return this;
        }

        /** The statistic of the seed-averaged curve (default {@link CurveStatistic#LOG_LOG_SLOPE}). */
        public Builder statistic(CurveStatistic s) {
            this.statistic = java.util.Objects.requireNonNull(s, "statistic");
            return this;
        }

        /** The configured bootstrap. */
        public SeedBootstrap build() {
            return new SeedBootstrap(this);
        }
    }
}
