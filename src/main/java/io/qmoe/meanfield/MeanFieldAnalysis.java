package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.EulerIntegrator;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.MixtureFlow;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.TimeGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Measures how a mixture of N experts approaches its mean-field limit (DESIGN.md §2).
 *
 * <ol>
 *   <li>A reference population of {@code referenceSize} particles is integrated once; the residuals r_ref it used at
 *   every integrator stage are recorded ({@link ResidualSchedule}).</li>
 *   <li>For every N and seed, the N-expert mixture is integrated from i.i.d. uniform angles, and beside it the
 *   <em>nonlinear process</em>: the same initial angles, each particle driven by r_ref instead of its own ensemble
 *   (synchronous coupling). At each snapshot the analysis records the coupling distance D_N, the prediction gap G_N,
 *   W_2 to the reference cloud, the displacement from the initial angles and the loss; and, once per (N, seed), the
 *   sampling floor W_2 between two independent uniform N-samples.</li>
 *   <li>Log–log slopes in N are fitted for each quantity at each snapshot time t &gt; 0 and set beside the theory:
 *   −1/2 for D_N and G_N; for W_2 the empirical-measure rate −1/2 (d ≤ 2, with a √log N factor at d = 2) or −1/d.</li>
 * </ol>
 * With {@link OutputScaling#LAZY} there is no N-independent limit: only the mixtures run, and the displacement shows
 * the angles barely move (slope −1/2) where in the mean-field scaling they move O(1) (slope 0).
 *
 * <p>Pure numerics: progress is reported through a callback, files are written elsewhere.
 */
public final class MeanFieldAnalysis {
    /** Receives progress in units of particle-steps. */
    @FunctionalInterface
    public interface Listener {
        /** {@code done} of {@code total} units are finished; {@code status} says what is running. */
        void progress(long done, long total, String status);
    }

    /**
     * Keeps finished samples so an interrupted analysis can continue: {@link #load} returns a sample saved by an
     * earlier run with the same configuration, {@link #save} is called as soon as a sample is finished.
     */
    public interface SampleStore {
        /** A finished sample for (N, seed index), if one was saved. */
        java.util.Optional<AnalysisResult.Sample> load(int experts, int seedIndex);

        /** Saves a finished sample. */
        void save(AnalysisResult.Sample sample);

        /** A store that keeps nothing. */
        SampleStore NONE = new SampleStore() {
            @Override
            public java.util.Optional<AnalysisResult.Sample> load(int experts, int seedIndex) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(AnalysisResult.Sample sample) {
            }
        };
    }

    private final Expert expert;
    private final Dataset data;
    private final AnalysisConfig config;
    private final TimeGrid grid;
    private final int[] snapshotSteps;
    private final int d;
    private final AtomicLong done = new AtomicLong();
    private long total;

    /** An analysis of {@code expert} on {@code data}; refuses circuits that are not periodic in every trainable angle. */
    public MeanFieldAnalysis(Expert expert, Dataset data, AnalysisConfig config) {
        List<String> violations = expert.circuit().periodicityViolations();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("the mean-field analysis needs f to be 2pi-periodic in every trainable "
                    + "angle (the torus picture), but " + violations.get(0)
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
        if (expert.dimension() == 0) {
            throw new IllegalArgumentException("the circuit has no trainable angles: nothing to analyse");
        }
        this.expert = expert;
        this.data = data;
        this.config = config;
        this.grid = TimeGrid.of(config.time(), config.dt());
        this.d = expert.dimension();
        this.snapshotSteps = Arrays.stream(config.snapshots()).mapToInt(grid::nearestStep).distinct().sorted()
                .toArray();
    }

    /** Runs the whole analysis. */
    public AnalysisResult run(Listener listener) {
        return run(listener, SampleStore.NONE);
    }

    /**
     * Runs the analysis, taking finished samples from {@code store} and saving new ones there. The reference is
     * always recomputed (it is deterministic, and the samples' coupling needs its residual schedule).
     */
    public AnalysisResult run(Listener listener, SampleStore store) {
        return run(listener, store, 1);
    }

    /**
     * As {@link #run(Listener, SampleStore)}, with up to {@code sampleThreads} (N, seed) samples trained side by side
     * (largest N first). Each sample depends only on its own seed, so the result is the same for any thread count;
     * use more than one only with a backend that is thread-safe and deterministic under concurrent calls (the
     * state-vector engine).
     */
    public AnalysisResult run(Listener callback, SampleStore store, int sampleThreads) {
        if (sampleThreads < 1) {
            throw new IllegalArgumentException("sample threads must be at least 1, got " + sampleThreads);
        }
        Listener listener = (unitsDone, unitsTotal, status) -> {
            synchronized (this) {
                callback.progress(unitsDone, unitsTotal, status);
            }
        };
        boolean meanField = config.scaling() == OutputScaling.MEAN_FIELD;
        int steps = grid.steps();
        long perStep = 0;
        for (int n : config.experts()) {
            perStep += (long) n * config.seeds() * (meanField ? 2 : 1);
        }
        total = steps * (perStep + (meanField ? config.referenceSize() : 0));
        done.set(0);
        double[] times = Arrays.stream(snapshotSteps).mapToDouble(grid::time).toArray();

        AnalysisResult.Reference reference = null;
        ResidualSchedule schedule = null;
        if (meanField) {
            schedule = new ResidualSchedule();
            reference = runReference(schedule, listener);
        }
        int[] sizes = config.experts();
        AnalysisResult.Sample[] finished = new AnalysisResult.Sample[sizes.length * config.seeds()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            for (int s = 0; s < config.seeds(); s++) {
                int slot = i * config.seeds() + s;
                var saved = store.load(sizes[i], s);
                if (saved.isPresent()) {
                    finished[slot] = saved.get();
                    long units = (long) grid.steps() * sizes[i] * (meanField ? 2 : 1);
                    listener.progress(done.addAndGet(units), total,
                            "N=" + sizes[i] + " seed " + (s + 1) + " (saved)");
                } else {
                    pending.add(slot);
                }
            }
        }
        // largest N first, so the last samples to finish are short ones
        pending.sort((a, b) -> Integer.compare(sizes[b / config.seeds()], sizes[a / config.seeds()]));
        AnalysisResult.Reference ref = reference;
        ResidualSchedule sched = schedule;
        runAll(pending, sampleThreads, slot -> {
            int n = sizes[slot / config.seeds()];
            AnalysisResult.Sample sample = runSample(n, slot % config.seeds(), ref, sched, listener);
            synchronized (store) {
                store.save(sample);
            }
            finished[slot] = sample;
        });
        List<AnalysisResult.Sample> samples = List.of(finished);
        List<AnalysisResult.QuantityFit> fits = fit(samples, times, meanField);
        AnalysisResult.GridComparison gridResult = null;
        if (meanField && config.gridCells() > 0 && d <= 2) {
            listener.progress(done.get(), total, "grid solver");
            gridResult = new GridReference(expert, data, grid, config.gridCells()).compare(reference);
        }
        listener.progress(total, total, "done");
        double[] all = new double[grid.steps() + 1];
        for (int j = 0; j <= grid.steps(); j++) {
            all[j] = grid.time(j);
        }
        return new AnalysisResult(config, d, all, times, reference, samples, fits, gridResult);
    }

    /** Runs {@code work} for every slot on up to {@code threads} threads; the first failure is rethrown. */
    private static void runAll(List<Integer> slots, int threads, IntConsumer work) {
        if (threads == 1 || slots.size() <= 1) {
            slots.forEach(work::accept);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(threads, slots.size()), r -> {
                    Thread t = new Thread(r, "qmoe-sample");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int slot : slots) {
                futures.add(pool.submit(() -> work.accept(slot)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private FlowIntegrator integrator() {
        return config.integrator().equals("euler") ? new EulerIntegrator() : new RungeKutta4Integrator();
    }

    private AnalysisResult.Reference runReference(ResidualSchedule schedule, Listener listener) {
        MixtureOfExperts mixture = new MixtureOfExperts(expert, config.referenceSize());
        double[] angles = mixture.initialAngles(seedFor(0, 0));
        FlowIntegrator integrator = integrator();
        int steps = grid.steps();
        double[] losses = new double[steps + 1];
        double[][] predictions = new double[steps + 1][];
        double[][] clouds = new double[snapshotSteps.length][];
        for (int j = 0; j <= steps; j++) {
            snapshot(j, angles, clouds);
            if (j == steps) {
                FlowEvaluation e = mixture.evaluate(angles, data);
                losses[j] = e.loss();
                predictions[j] = e.predictions();
                break;
            }
            schedule.beginStep();
            RecordingFlow flow = new RecordingFlow(mixture, data, schedule);
            integrator.advance(flow, grid.time(j), grid.time(j + 1), angles);
            losses[j] = flow.firstEvaluation().loss();
            predictions[j] = flow.firstEvaluation().predictions();
            listener.progress(done.addAndGet(config.referenceSize()), total,
                    "reference (" + config.referenceSize() + " particles)");
        }
        return new AnalysisResult.Reference(config.referenceSize(), losses, predictions, clouds);
    }

    private void snapshot(int step, double[] angles, double[][] clouds) {
        int idx = Arrays.binarySearch(snapshotSteps, step);
        if (idx >= 0) {
            clouds[idx] = MixtureOfExperts.wrap(angles);
        }
    }

    private AnalysisResult.Sample runSample(int n, int seedIndex, AnalysisResult.Reference reference,
                                            ResidualSchedule schedule, Listener listener) {
        boolean meanField = reference != null;
        long seed = seedFor(n, seedIndex + 1);
        MixtureOfExperts mixture = new MixtureOfExperts(expert, n, MixtureOfExperts.DEFAULT_MAX_BATCH,
                config.scaling());
        double[] start = mixture.initialAngles(seed);
        double[] angles = start.clone();
        double[] coupled = meanField ? start.clone() : null;
        FlowIntegrator integrator = integrator();
        int steps = grid.steps();
        int snaps = snapshotSteps.length;
        double[] coupling = new double[snaps];
        double[] gap = new double[snaps];
        double[] w2 = new double[snaps];
        double[] displacement = new double[snaps];
        double[] loss = new double[snaps];
        double[] history = new double[steps + 1];
        double[][] clouds = seedIndex == 0 ? new double[snaps][] : null;
        Arrays.fill(coupling, Double.NaN);
        Arrays.fill(gap, Double.NaN);
        Arrays.fill(w2, Double.NaN);
        String status = (meanField ? "N=" : "lazy N=") + n + " seed " + (seedIndex + 1) + "/" + config.seeds();
        for (int j = 0; j <= steps; j++) {
            int idx = Arrays.binarySearch(snapshotSteps, j);
            if (idx >= 0) {
                displacement[idx] = TorusGeometry.couplingDistance(angles, start, d);
                if (clouds != null) {
                    clouds[idx] = MixtureOfExperts.wrap(angles);
                }
                if (meanField) {
                    coupling[idx] = TorusGeometry.couplingDistance(angles, coupled, d);
                    w2[idx] = wassersteinToReference(angles, reference.clouds()[idx]);
                }
            }
            FlowEvaluation e;
            if (j < steps) {
                MixtureFlow flow = new MixtureFlow(mixture, data);
                integrator.advance(flow, grid.time(j), grid.time(j + 1), angles);
                e = flow.firstEvaluation();
                if (meanField) {
                    integrator.advance(new ScheduledResidualFlow(mixture, data, schedule.stages(j)), grid.time(j),
                            grid.time(j + 1), coupled);
                }
                listener.progress(done.addAndGet((long) n * (meanField ? 2 : 1)), total, status);
            } else {
                e = mixture.evaluate(angles, data);
            }
            history[j] = e.loss();
            if (idx >= 0) {
                loss[idx] = e.loss();
                if (meanField) {
                    gap[idx] = rms(e.predictions(), reference.predictions()[j]);
                }
            }
        }
        double floor = Wasserstein.w2(TorusPoints.of(d, MixtureOfExperts.uniformAngles(n, d, seed ^ 0x5A5A5A5AL)),
                TorusPoints.of(d, MixtureOfExperts.uniformAngles(n, d, seed ^ 0xA5A5A5A5L)));
        return new AnalysisResult.Sample(n, seedIndex, seed, coupling, gap, w2, displacement, loss, floor, history,
                clouds);
    }

    /** W_2 between the mixture's cloud and at most {@code wassersteinCap} particles of the reference cloud. */
    private double wassersteinToReference(double[] angles, double[] referenceCloud) {
        int r = Math.min(referenceCloud.length / d, config.wassersteinCap());
        double[] ref = Arrays.copyOf(referenceCloud, r * d);
        return Wasserstein.w2(TorusPoints.of(d, MixtureOfExperts.wrap(angles)), TorusPoints.of(d, ref));
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    private long seedFor(int n, int index) {
        long h = config.seed() * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        h *= 0xD6E8FEB86659FD93L;
        return h ^ (h >>> 32);
    }

    private List<AnalysisResult.QuantityFit> fit(List<AnalysisResult.Sample> samples, double[] times,
                                                 boolean meanField) {
        int[] sizes = config.experts();
        double[] n = Arrays.stream(sizes).asDoubleStream().toArray();
        List<AnalysisResult.QuantityFit> fits = new ArrayList<>();
        double w2Theory = d <= 2 ? -0.5 : -1.0 / d;
        String w2Note = d == 1 ? "N^-1/2 (d = 1)" : d == 2 ? "sqrt(log N / N) (d = 2)" : "N^-1/d (d = " + d + ")";
        for (int t = 0; t < times.length; t++) {
            if (meanField && times[t] > 0) {
                fits.add(fitOne("coupling", times[t], n, samples, sizes, t, AnalysisResult.Sample::coupling, -0.5,
                        "N^-1/2 (propagation of chaos)"));
                fits.add(fitOne("prediction_gap", times[t], n, samples, sizes, t,
                        AnalysisResult.Sample::predictionGap, -0.5, "N^-1/2"));
            }
            if (meanField) {
                fits.add(fitOne("wasserstein", times[t], n, samples, sizes, t, AnalysisResult.Sample::wasserstein,
                        w2Theory, w2Note));
            }
            if (times[t] > 0) {
                fits.add(fitOne("displacement", times[t], n, samples, sizes, t, AnalysisResult.Sample::displacement,
                        meanField ? 0.0 : -0.5, meanField ? "O(1): angles move (mean-field)"
                                : "N^-1/2: angles barely move (lazy)"));
            }
        }
        double[][] floors = new double[config.seeds()][sizes.length];
        for (AnalysisResult.Sample s : samples) {
            floors[s.seedIndex()][indexOf(sizes, s.experts())] = s.floor();
        }
        fits.add(new AnalysisResult.QuantityFit("uniform_floor", Double.NaN, RateFit.acrossSeeds(n, floors),
                w2Theory, w2Note));
        return fits;
    }

    private AnalysisResult.QuantityFit fitOne(String name, double time, double[] n, List<AnalysisResult.Sample> samples,
                                              int[] sizes, int t,
                                              Function<AnalysisResult.Sample, double[]> quantity,
                                              double theory, String note) {
        double[][] values = new double[config.seeds()][sizes.length];
        for (AnalysisResult.Sample s : samples) {
            values[s.seedIndex()][indexOf(sizes, s.experts())] = quantity.apply(s)[t];
        }
        return new AnalysisResult.QuantityFit(name, time, RateFit.acrossSeeds(n, values), theory, note);
    }

    private static int indexOf(int[] sizes, int n) {
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == n) {
                return i;
            }
        }
        throw new IllegalStateException("size " + n + " not in the sweep");
    }
}
