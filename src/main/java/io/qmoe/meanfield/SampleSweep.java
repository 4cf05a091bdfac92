package io.qmoe.meanfield;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sweep over (N, seed) samples: which are already saved (resume), which still run, in which order (largest N
 * first, so the last to finish are short), handed to a {@link SampleExecutor}, and the progress in units of work. Each
 * sample depends only on its own seed, so the result is the same for any thread count or executor.
 */
final class SampleSweep {
    /** Particle-steps per point of the larger cloud of one transport snapshot at N = 16. */
    private static final double TRANSPORT_UNITS_PER_POINT = 0.8;
    /** The exponent of the smaller cloud's size (over 16) in a transport snapshot's cost. */
    private static final double TRANSPORT_GROWTH = 0.37;

    /**
     * Units of work of the cloud distances at one transport snapshot, in particle-steps, for the progress bar and its
     * ETA: the mixture's and the twins' exact transport to the reference and to each other. A cost model fitted to the
     * measured sweep (100 seeds, N = 16…4096 against 65 536 reference particles, docs/BENCHMARKS.md), in which a
     * solve is dominated by the larger cloud and grows with the smaller one about as its 0.37th power: one snapshot
     * costs about as much as {@value #TRANSPORT_UNITS_PER_POINT} particle-steps of training per point of the larger
     * cloud at N = 16, and 8 times that at N = 4096.
     */
    static long transportUnits(int n, int referenceSize, boolean meanField) {
        if (!meanField) {
            return 0;
        }
        double smaller = Math.max(1, Math.min(n, referenceSize) / 16.0);
        return Math.round(TRANSPORT_UNITS_PER_POINT * Math.max(n, referenceSize)
                * Math.pow(smaller, TRANSPORT_GROWTH));
    }

    /**
     * Units of work of one grid step of a sample of {@code n} experts, in particle-steps: the mixture n, the twins n,
     * and with the tangent-linear section 4n more (its two extra velocity passes and three value passes per stage cost
     * about four times the twins' one velocity pass, measured on the 1-qubit expert at N = 1024).
     */
    static long stepUnits(int n, boolean meanField, boolean tangentLinear) {
        return (long) n * ((meanField ? 2 : 1) + (meanField && tangentLinear ? 4 : 0));
    }

    /** Units of the linear prediction at one snapshot: three value passes, about one velocity pass. */
    static long linearSnapshotUnits(int n) {
        return n;
    }

    private final AnalysisPlan plan;
    private final boolean meanField;

    SampleSweep(AnalysisPlan plan, boolean meanField) {
        this.plan = plan;
        this.meanField = meanField;
    }

    /** Units of work of one sample of {@code n} experts. */
    long units(int n) {
        boolean linear = plan.config().tangentLinear();
        return plan.grid().steps() * stepUnits(n, meanField, linear)
                + (meanField && linear ? plan.snapshotCount() * linearSnapshotUnits(n) : 0)
                + plan.transportCount() * transportUnits(n, plan.config().referenceSize(), meanField);
    }

    /** Units of work of the whole sweep. */
    long units() {
        long total = 0;
        for (int n : plan.config().experts()) {
            total += units(n) * plan.config().seeds();
        }
        return total;
    }

    /**
     * Runs every sample not in {@code store} on {@code executor} (which saves each as it finishes) and returns all
     * samples ordered by N, then seed.
     */
    List<AnalysisResult.Sample> run(SampleJob job, SampleExecutor executor, MeanFieldAnalysis.SampleStore store,
                                    AtomicLong done, MeanFieldAnalysis.Listener listener, long total) {
        AnalysisConfig config = plan.config();
        int[] sizes = config.experts();
        int k = config.seeds();
        AnalysisResult.Sample[] finished = new AnalysisResult.Sample[sizes.length * k];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            for (int s = 0; s < k; s++) {
                int slot = i * k + s;
                var saved = store.load(sizes[i], s);
                if (saved.isPresent()) {
                    finished[slot] = saved.get();
                    listener.progress(done.addAndGet(units(sizes[i])), total,
                            "N=" + sizes[i] + " seed " + (s + 1) + " (saved)");
                } else {
                    pending.add(slot);
                }
            }
        }
        pending.sort((a, b) -> Integer.compare(sizes[b / k], sizes[a / k]));
        List<SampleJob.Key> keys = new ArrayList<>(pending.size());
        for (int slot : pending) {
            keys.add(new SampleJob.Key(sizes[slot / k], slot % k));
        }
        List<AnalysisResult.Sample> ran = executor.run(job, List.copyOf(keys), store,
                (units, status) -> listener.progress(done.addAndGet(units), total, status));
        if (ran.size() != keys.size()) {
            throw new IllegalStateException("the sample executor returned " + ran.size() + " samples for "
                    + keys.size() + " tasks");
        }
        for (int i = 0; i < keys.size(); i++) {
            AnalysisResult.Sample sample = ran.get(i);
            SampleJob.Key key = keys.get(i);
            if (sample.experts() != key.experts() || sample.seedIndex() != key.seedIndex()) {
                throw new IllegalStateException("the sample executor returned N = " + sample.experts() + " seed "
                        + sample.seedIndex() + " in the place of N = " + key.experts() + " seed " + key.seedIndex());
            }
            finished[pending.get(i)] = sample;
        }
        return List.of(finished);
    }

    /** The seeds of the reference and of every sample, derived from the base seed. */
    record SeedSchedule(long base) {
        /** The reference population's seed. */
        long reference() {
            return mix(0, 0);
        }

        /** The seed of sample (n, seed index). */
        long sample(int n, int seedIndex) {
            return mix(n, seedIndex + 1);
        }

        private long mix(int n, int index) {
            long h = base * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
            h ^= h >>> 31;
            h *= 0xD6E8FEB86659FD93L;
            return h ^ (h >>> 32);
        }
    }
}
