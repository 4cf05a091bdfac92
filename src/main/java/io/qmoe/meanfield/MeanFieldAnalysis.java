package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.stats.SeedBootstrap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how a mixture of N experts approaches its mean-field limit (DESIGN.md §2):
 * <ol>
 *   <li>{@link ReferenceRun}: a reference population of {@code referenceSize} particles is integrated once, recording
 *   the residuals r_ref of every integrator stage;</li>
 *   <li>{@link SampleSweep} and {@link CoupledSample}: for every N and seed, the N-expert mixture and beside it its
 *   twins (the nonlinear process: same initial angles, driven by r_ref), with the coupling distance D_N, the prediction
 *   gap G_N, the displacement and the loss at every snapshot, and the exact W₂ of mixture and twins to the whole
 *   reference cloud, and between them, at the transport snapshots ({@link Quantity});</li>
 *   <li>{@link RateTable}: log–log slopes in N of each quantity at each time, beside the theory;</li>
 *   <li>{@link FluctuationTable}: the fluctuations Z = √N (f_N − F) across seeds; with the tangent-linear section,
 *   {@link LinearPredictionTable}: how well their linear prediction ({@link TangentLinearFlow}) follows them;</li>
 *   <li>for d ≤ 2, the finite-volume solution of the continuity equation ({@link GridReference}) against the reference.</li>
 * </ol>
 * With {@link OutputScaling#LAZY} there is no N-independent limit: only the mixtures run, and the displacement shows
 * the angles barely move (slope −1/2) where in the mean-field scaling they move O(1) (slope 0).
 *
 * <p>Pure numerics: progress is reported through a callback, files are written by the caller's {@link SampleStore}.
 */
public final class MeanFieldAnalysis {
    /** Receives progress in units of work (particle-steps, and their equivalent for the transport solves). */
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
        Optional<AnalysisResult.Sample> load(int experts, int seedIndex);

        /** Saves a finished sample. */
        void save(AnalysisResult.Sample sample);

        /** A store that keeps nothing. */
        SampleStore NONE = new SampleStore() {
            @Override
            public Optional<AnalysisResult.Sample> load(int experts, int seedIndex) {
                return Optional.empty();
            }

            @Override
            public void save(AnalysisResult.Sample sample) {
            }
        };
    }

    private final Expert expert;
    private final Dataset data;
    private final AnalysisConfig config;
    private final AnalysisPlan plan;

    /**
     * An analysis of {@code expert} on {@code data}; refuses circuits that are not periodic in every trainable angle,
     * circuits with nothing to train, and data that does not fit the circuit — before any work.
     */
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
        if (data.featureCount() != expert.featureCount()) {
            throw new IllegalArgumentException("the data has " + data.featureCount() + " feature column(s) but the "
                    + "circuit has " + expert.featureCount() + " data input(s)");
        }
        this.expert = expert;
        this.data = data;
        this.config = config;
        this.plan = new AnalysisPlan(config);
    }

    /** Runs the whole analysis on one thread, keeping nothing. */
    public AnalysisResult run(Listener listener) {
        return run(listener, SampleStore.NONE, 1);
    }

    /**
     * Runs the analysis, taking finished samples from {@code store} and saving new ones there, with up to
     * {@code sampleThreads} samples trained side by side. The result is the same for any thread count; use more than
     * one only with a backend whose {@link io.qmoe.backend.Estimator#concurrentCalls()} allows it. The reference is
     * always recomputed (it is deterministic, and the samples' twins need its residual schedule).
     */
    public AnalysisResult run(Listener callback, SampleStore store, int sampleThreads) {
        return run(callback, store, new ThreadSampleExecutor(expert, data, sampleThreads));
    }

    /**
     * Runs the analysis as above with the samples on {@code executor} (for instance one Spark task each); the
     * reference runs here, once. The result is the same bits as on the thread pool.
     */
    public AnalysisResult run(Listener callback, SampleStore store, SampleExecutor executor) {
        Listener listener = (unitsDone, unitsTotal, status) -> {
            synchronized (this) {
                callback.progress(unitsDone, unitsTotal, status);
            }
        };
        boolean meanField = config.scaling() == OutputScaling.MEAN_FIELD;
        SampleSweep.SeedSchedule seeds = new SampleSweep.SeedSchedule(config.seed());
        AtomicLong done = new AtomicLong();
        long referenceUnits = meanField ? (long) plan.grid().steps() * config.referenceSize() : 0;
        ReferenceRun.Outcome reference = null;
        // the sweep's units are known before the reference runs: progress counts the whole analysis from the start
        SampleSweep sweep = new SampleSweep(plan, meanField);
        long total = referenceUnits + sweep.units();
        if (meanField) {
            String status = "reference (" + config.referenceSize() + " particles)";
            reference = ReferenceRun.run(expert, data, plan, seeds.reference(), executor.referenceFlow(),
                    units -> listener.progress(done.addAndGet(units), total, status));
        }
        SampleJob job = new SampleJob(config, plan, expert.dimension(), reference);
        List<AnalysisResult.Sample> samples = sweep.run(job, executor, store, done, listener, total);
        double[] times = plan.snapshotTimes();
        SeedBootstrap bootstrap = SeedBootstrap.builder().seed(config.seed()).build();
        List<AnalysisResult.QuantityFit> fits = RateTable.fit(config, expert.dimension(), times, samples, meanField,
                bootstrap);
        List<AnalysisResult.Constant> constants = ConstantTable.of(config, times, samples, meanField, bootstrap);
        AnalysisResult.GridComparison gridResult = null;
        if (meanField && config.gridCells() > 0 && expert.dimension() <= 2) {
            listener.progress(done.get(), total, "grid solver");
            gridResult = new GridReference(expert, data, plan.grid(), config.gridCells())
                    .compare(reference.reference());
        }
        listener.progress(total, total, "done");
        AnalysisResult.Reference ref = reference == null ? null : reference.reference();
        return new AnalysisResult(config, expert.dimension(), plan.gridTimes(), times, plan.transportTimes(), ref,
                samples, fits, constants, FluctuationTable.of(config, times, ref, plan.snapshotSteps(), samples),
                LinearPredictionTable.of(config, times, ref, plan.snapshotSteps(), samples, config.seed()),
                gridResult);
    }
}
