package io.qmoe.spark;

import io.qmoe.mixture.AdaptiveIntegrator;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DormandPrince54;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * One large mixture (or reference population) of N experts partitioned across Spark executors, integrated with the
 * same bits as {@link io.qmoe.mixture.GradientFlowTrainer} on one machine. The experts live in fixed blocks of
 * {@link MixtureOfExperts#SUM_BLOCK} (independent of partitions, executors and threads), cached on the executors; no
 * N·d array is shipped:
 * <ul>
 *   <li>initial angles are drawn on the executors by jumping the seeded stream: the k-th draw of
 *   {@code new SplittableRandom(s)} is the first of {@code new SplittableRandom(s + k·γ)} with γ the generator's
 *   golden gamma, so block b starts at draw b·SUM_BLOCK·d of {@link MixtureOfExperts#uniformAngles};</li>
 *   <li>each integrator stage is one job: the M residuals are broadcast, every block computes its velocities, its next
 *   stage state (the integrator's own arithmetic, element by element) and that state's block sums Σ f(θ_i, x_a) in
 *   expert order; the driver adds the M-vectors of the blocks in block order from 0 — never Spark's
 *   {@code reduce}/{@code fold}/{@code treeAggregate}, whose merge order follows task completion.</li>
 * </ul>
 * RK4 costs four jobs per step, Euler one; the adaptive integrator ({@link DormandPrince54}, the thread path's step
 * control) three per output interval and seven per attempted step, its norms (the initial step's and the error's) one
 * more reduction each, of the blocks' sums per {@link DormandPrince54#CHUNK} coordinates. Bit-identical to the thread path on a backend that evaluates values on its
 * grid path (the state-vector engine). A lost executor's blocks are recomputed from the lineage (same numbers); the
 * lineage grows by one stage per job, so {@link #run} cuts it with a checkpoint every {@code checkpointEvery} stages:
 * a reliable one when the context has a checkpoint directory, else a local one (a block lost after a local
 * checkpoint cannot be recomputed: set a checkpoint directory on a cluster).
 */
public final class PartitionedMixture {
    /** The golden gamma of {@link SplittableRandom}: the seed step between consecutive draws. */
    static final long GAMMA = 0x9e3779b97f4a7c15L;

    /** Per-JVM experts, one per source: an executor builds its expert once, not once per task. */
    private static final ConcurrentHashMap<ExpertSource, Expert> EXPERTS = new ConcurrentHashMap<>();

    /** Receives the residuals r_a of every velocity evaluation, in integrator order. */
    @FunctionalInterface
    public interface StageObserver {
        /** The residuals of stage {@code stage} of step {@code step}. */
        void stage(int step, int stage, double[] residuals);
    }

    /**
     * One block of experts and its integrator state (immutable once built): the angles y at the start of the step,
     * the stage derivatives so far, the state of the stage being evaluated and its sums Σ f(θ_i, x_a), and the
     * block's partial sums of a norm (per {@link DormandPrince54#CHUNK} coordinates; null when the job needs none).
     */
    record Block(int index, int from, int length, double[] angles, double[][] k, double[] state, double[] sums,
                 double[] partial) implements Serializable {
        private static final long serialVersionUID = 1L;

        Block(int index, int from, int length, double[] angles, double[][] k, double[] state, double[] sums) {
            this(index, from, length, angles, k, state, sums, null);
        }

        /** The same block with a new stage state and its sums. */
        Block at(double[][] stages, double[] stageState, double[] stageSums, double[] partialSums) {
            return new Block(index, from, length, angles, stages, stageState, stageSums, partialSums);
        }
    }

    private final JavaSparkContext context;
    private final ExpertSource source;
    private final int size;
    private final int dimension;
    private final int partitions;
    private final OutputScaling scaling;
    private final Dataset data;
    /** The current blocks: the last cached job's, or a cheap map on top of it ({@link Adaptive#accept}). */
    private JavaRDD<Block> blocks;
    /** The last job's blocks, cached. */
    private JavaRDD<Block> cached;
    /** Predictions, residuals and loss of the current state (no velocities). */
    private FlowEvaluation current;
    private int checkpointEvery = 40;
    /** Stages run since this mixture was built, over all calls of {@link #run}: the checkpoints' clock. */
    private int stagesRun;
    /** The residual broadcasts the lineage since the last checkpoint refers to (a recomputation needs them). */
    private final List<Broadcast<double[]>> live = new ArrayList<>();

    /**
     * {@code size} experts from {@code source} with i.i.d. uniform angles from {@code seed} (the same angles as
     * {@link MixtureOfExperts#initialAngles}), in blocks spread over {@code partitions} partitions; the blocks are
     * drawn and summed at once (one job).
     */
    public PartitionedMixture(JavaSparkContext context, ExpertSource source, int size, long seed, int partitions,
                              OutputScaling scaling) {
        this(context, source, size, partitions, scaling, null, seed);
    }

    /**
     * The experts of {@code angles} (flat N·d, in expert order: a resumed run's checkpoint), shipped once from the
     * driver in blocks spread over {@code partitions} partitions and summed at once (one job).
     *
     * @param angles flat N·d angles. Not modified.
     */
    public PartitionedMixture(JavaSparkContext context, ExpertSource source, double[] angles, int partitions,
                              OutputScaling scaling) {
        this(context, source, sizeOf(source, angles), partitions, scaling, angles, 0);
    }

    private static int sizeOf(ExpertSource source, double[] angles) {
        Expert e = source.expert();
        int d = e.dimension();
        e.estimator().close();
        if (angles.length == 0 || angles.length % d != 0) {
            throw new IllegalArgumentException(angles.length + " angles are not a positive number of " + d
                    + "-angle experts");
        }
        return angles.length / d;
    }

    private PartitionedMixture(JavaSparkContext context, ExpertSource source, int size, int partitions,
                               OutputScaling scaling, double[] given, long seed) {
        if (size < 1 || partitions < 1) {
            throw new IllegalArgumentException("need at least one expert and one partition, got " + size + " and "
                    + partitions);
        }
        this.context = context;
        this.source = source;
        this.size = size;
        this.partitions = partitions;
        this.scaling = scaling;
        Expert e = source.expert();
        this.dimension = e.dimension();
        e.estimator().close();
        this.data = source.data();
        int count = (size + MixtureOfExperts.SUM_BLOCK - 1) / MixtureOfExperts.SUM_BLOCK;
        ExpertSource src = source;
        int n = size;
        int d = dimension;
        JavaRDD<Block> start;
        if (given == null) {
            List<Integer> ids = new ArrayList<>(count);
            for (int b = 0; b < count; b++) {
                ids.add(b);
            }
            start = context.parallelize(ids, partitions).map(b -> {
                int from = b * MixtureOfExperts.SUM_BLOCK;
                int length = Math.min(n, from + MixtureOfExperts.SUM_BLOCK) - from;
                double[] angles = drawBlock(seed, from, length, d);
                return new Block(b, from, length, angles, new double[0][], angles, sums(src, length, angles));
            });
        } else {
            List<Block> shipped = new ArrayList<>(count);
            for (int b = 0; b < count; b++) {
                int from = b * MixtureOfExperts.SUM_BLOCK;
                int length = Math.min(n, from + MixtureOfExperts.SUM_BLOCK) - from;
                double[] angles = java.util.Arrays.copyOfRange(given, from * d, (from + length) * d);
                shipped.add(new Block(b, from, length, angles, new double[0][], angles, null));
            }
            start = context.parallelize(shipped, partitions).map(b -> new Block(b.index(), b.from(), b.length(),
                    b.angles(), b.k(), b.state(), sums(src, b.length(), b.angles())));
        }
        advanceTo(start, 0);
    }

    /** Sets how many stages run between two local checkpoints of the blocks (default 40). */
    public PartitionedMixture checkpointEvery(int stages) {
        if (stages < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1, got " + stages);
        }
        this.checkpointEvery = stages;
        return this;
    }

    /**
     * The angles of experts [from, from + length) of {@code MixtureOfExperts.uniformAngles(N, d, seed)}, drawn without
     * the draws before them.
     */
    static double[] drawBlock(long seed, int from, int length, int d) {
        SplittableRandom random = new SplittableRandom(seed + (long) from * d * GAMMA);
        double[] angles = new double[length * d];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = random.nextDouble() * 2 * Math.PI;
        }
        return angles;
    }

    private static MixtureOfExperts mixture(ExpertSource source, int length) {
        return new MixtureOfExperts(EXPERTS.computeIfAbsent(source, ExpertSource::expert), length);
    }

    private static double[] sums(ExpertSource source, int length, double[] angles) {
        return mixture(source, length).dataSums(angles, source.data());
    }

    /**
     * The predictions f_N(x_a) of {@code state} (from its blocks' sums added in block order from 0) and their
     * residuals, made the current ones; returns the blocks' partial sums added in block order, {@code width} at a
     * time (null when {@code width} is 0).
     */
    private double[] evaluate(JavaRDD<Block> state, int width) {
        List<Block> collected = state.map(b -> new Block(b.index(), b.from(), b.length(), null, null, null, b.sums(),
                b.partial())).collect();
        Block[] byIndex = new Block[collected.size()];
        for (Block b : collected) {
            byIndex[b.index()] = b;
        }
        int m = data.size();
        double[] s = new double[m];
        double[] totals = width == 0 ? null : new double[width];
        for (Block b : byIndex) {
            double[] blockSums = b.sums();
            for (int a = 0; a < m; a++) {
                s[a] += blockSums[a];
            }
            for (int i = 0; width > 0 && i < b.partial().length; i++) {
                totals[i % width] += b.partial()[i];
            }
        }
        current = MixtureOfExperts.fromSums(s, data, scaling, size);
        return totals;
    }

    /**
     * Makes {@code next} the state: cached, computed by the one job that collects its block sums (the predictions
     * and residuals) and partial sums, and only then the previous state dropped.
     */
    private double[] advanceTo(JavaRDD<Block> next, int width) {
        if (next.getStorageLevel().equals(StorageLevel.NONE())) {
            next.persist(StorageLevel.MEMORY_AND_DISK());
        }
        JavaRDD<Block> old = cached;
        blocks = next;
        cached = next;
        double[] totals = evaluate(next, width);
        if (old != null) {
            old.unpersist(false);
        }
        return totals;
    }

    /**
     * One job: {@code f} over the blocks (it may read the broadcast {@code r}, null when it needs none), cached, with
     * the lineage cut every {@code checkpointEvery} jobs; returns the blocks' partial sums added in order,
     * {@code width} at a time (null for 0).
     */
    private double[] job(Function<Block, Block> f, Broadcast<double[]> r, int width) {
        JavaRDD<Block> next = blocks.map(f);
        if (r != null) {
            live.add(r);
        }
        boolean checkpoint = ++stagesRun % checkpointEvery == 0;
        if (checkpoint) {
            // cut the lineage (it grows by one map per job); marked before the state is computed. With a checkpoint
            // directory (SparkContext.setCheckpointDir, on storage every executor reaches) the checkpoint is
            // reliable; without one it is local: faster, but a block lost after it is lost
            if (context.getCheckpointDir().isPresent()) {
                next.checkpoint();
            } else {
                next.rdd().localCheckpoint();
            }
        }
        double[] totals = advanceTo(next, width);
        if (checkpoint) {
            // the state no longer depends on the earlier jobs: their residuals can go (not this job's, which the
            // checkpointed map's function still holds)
            if (r != null) {
                live.remove(live.size() - 1);
            }
            dropBroadcasts();
            if (r != null) {
                live.add(r);
            }
        }
        return totals;
    }

    /** The residuals r_a of the current angles. */
    public double[] residuals() {
        return current.residuals().clone();
    }

    /** The number of experts N. */
    public int size() {
        return size;
    }

    /**
     * Predictions, residuals and loss L = (1/(2M)) Σ_a r_a² of the current angles, without velocities: the bits of
     * {@link MixtureOfExperts#evaluate} on the same angles.
     */
    public FlowEvaluation evaluation() {
        return new FlowEvaluation(current.predictions().clone(), current.residuals().clone(), current.loss(), null);
    }

    /**
     * Integrates from grid index {@code fromStep} to {@code toStep} with {@code integrator} (rk4, euler or adaptive),
     * reporting every stage's residuals in the order the thread path evaluates them.
     */
    public void run(TimeGrid grid, FlowIntegrator integrator, int fromStep, int toStep, StageObserver observer) {
        String name = integrator.name();
        if (!name.equals("rk4") && !name.equals("euler") && !name.equals("adaptive")) {
            throw new IllegalArgumentException("a partitioned mixture integrates with rk4, euler or adaptive, got "
                    + name);
        }
        for (int j = fromStep; j < toStep; j++) {
            if (integrator instanceof AdaptiveIntegrator adaptive) {
                DormandPrince54.integrate(new Adaptive(j, observer), grid.time(j), grid.time(j + 1),
                        adaptive.tolerance());
                continue;
            }
            boolean rk4 = name.equals("rk4");
            double h = grid.time(j + 1) - grid.time(j);
            int stages = rk4 ? 4 : 1;
            for (int s = 0; s < stages; s++) {
                Broadcast<double[]> r = stageResiduals(j, s, observer);
                ExpertSource src = source;
                int stage = s;
                double factor = scaling.velocityFactor(size);
                job(b -> step(src, b, r.value(), factor, h, stage, rk4), r, 0);
            }
        }
    }

    /** Reports the current residuals as stage {@code stage} of step {@code step} and broadcasts them. */
    private Broadcast<double[]> stageResiduals(int step, int stage, StageObserver observer) {
        double[] residuals = current.residuals();
        observer.stage(step, stage, residuals.clone());
        return context.broadcast(residuals);
    }

    /**
     * One Dormand–Prince interval on the blocks, job by job: the thread path's {@link AdaptiveIntegrator} with each
     * velocity evaluation one job that broadcasts the residuals, and each norm one more reduction of the blocks'
     * chunk sums. Velocity evaluations are reported as stages, in the thread path's order.
     */
    private final class Adaptive implements DormandPrince54.Population {
        private final int step;
        private final StageObserver observer;
        private int stage;

        Adaptive(int step, StageObserver observer) {
            this.step = step;
            this.observer = observer;
        }

        @Override
        public int dimension() {
            return size * dimension;
        }

        @Override
        public double[] start(double t, double tolerance) {
            Broadcast<double[]> r = stageResiduals(step, stage++, observer);
            ExpertSource src = source;
            double factor = scaling.velocityFactor(size);
            return job(b -> {
                double[] k0 = velocity(src, b, b.angles(), r.value(), factor);
                return b.at(new double[][] {k0}, b.angles(), b.sums(),
                        DormandPrince54.startSums(b.angles(), k0, tolerance));
            }, r, 2);
        }

        @Override
        public double probe(double t, double h, double tolerance) {
            ExpertSource src = source;
            job(b -> {
                double[] y1 = new double[b.angles().length];
                DormandPrince54.probeState(b.angles(), b.k()[0], h, y1);
                return b.at(b.k(), y1, sums(src, b.length(), y1), null);
            }, null, 0);
            Broadcast<double[]> r = stageResiduals(step, stage++, observer);
            double factor = scaling.velocityFactor(size);
            return job(b -> {
                double[] v = velocity(src, b, b.state(), r.value(), factor);
                return b.at(b.k(), b.state(), b.sums(),
                        DormandPrince54.probeSums(b.angles(), b.k()[0], v, tolerance));
            }, r, 1)[0];
        }

        @Override
        public double attempt(double t, double h, double tolerance) {
            ExpertSource src = source;
            double factor = scaling.velocityFactor(size);
            job(b -> {
                double[][] k = {b.k()[0]};
                double[] state = new double[b.angles().length];
                DormandPrince54.stageState(b.angles(), k, 1, h, state);
                return b.at(k, state, sums(src, b.length(), state), null);
            }, null, 0);
            for (int s = 1; s < DormandPrince54.STAGES - 1; s++) {
                Broadcast<double[]> r = stageResiduals(step, stage++, observer);
                int next = s + 1;
                job(b -> {
                    double[][] k = java.util.Arrays.copyOf(b.k(), next);
                    k[next - 1] = velocity(src, b, b.state(), r.value(), factor);
                    double[] state = new double[b.angles().length];
                    DormandPrince54.stageState(b.angles(), k, next, h, state);
                    return b.at(k, state, sums(src, b.length(), state), null);
                }, r, 0);
            }
            Broadcast<double[]> r = stageResiduals(step, stage++, observer);
            return job(b -> {
                double[][] k = java.util.Arrays.copyOf(b.k(), DormandPrince54.STAGES);
                k[DormandPrince54.STAGES - 1] = velocity(src, b, b.state(), r.value(), factor);
                int n = b.angles().length;
                double[] end = new double[n];
                DormandPrince54.endState(b.angles(), k, h, end);
                double[] partial = DormandPrince54.errorSums(b.angles(), k, end, h, tolerance);
                // the end state is the last stage's state but for the sign of a zero at most: sum again only then
                double[] endSums = java.util.Arrays.equals(end, b.state()) ? b.sums() : sums(src, b.length(), end);
                return b.at(k, end, endSums, partial);
            }, r, 1)[0];
        }

        @Override
        public void accept() {
            // no job: the next one maps the accepted blocks (end state as angles, k6 as k0)
            blocks = blocks.map(b -> new Block(b.index(), b.from(), b.length(), b.state(),
                    new double[][] {b.k()[DormandPrince54.STAGES - 1]}, b.state(), b.sums(), null));
        }
    }

    /**
     * Integrates from grid index {@code fromStep} to {@code toStep} reporting to {@code observer} what
     * {@link io.qmoe.mixture.GradientFlowTrainer#run} reports, to the same bits and in the same order: every stage's
     * evaluation (predictions, residuals, loss; no velocities), the evaluation at every grid index from
     * {@code fromStep} to {@code toStep - 1} (and at {@code toStep} when it ends the grid), and every step reached —
     * with the angles collected to the driver (N·d numbers) only at the grid indices {@code wantsAngles} accepts,
     * null at the others.
     */
    public void run(TimeGrid grid, FlowIntegrator integrator, int fromStep, int toStep, TrainingObserver observer,
                    IntPredicate wantsAngles) {
        if (fromStep < 0 || toStep > grid.steps() || fromStep > toStep) {
            throw new IllegalArgumentException("steps " + fromStep + ".." + toStep + " outside 0.." + grid.steps());
        }
        StageObserver stages = (step, stage, r) -> observer.stage(step, evaluation());
        for (int j = fromStep; j < toStep; j++) {
            FlowEvaluation first = evaluation();
            run(grid, integrator, j, j + 1, stages);
            observer.recorded(j, grid.time(j), first);
            observer.reached(j + 1, grid.time(j + 1), wantsAngles.test(j + 1) ? angles() : null);
        }
        if (toStep == grid.steps()) {
            observer.recorded(toStep, grid.totalTime(), evaluation());
        }
    }

    /** One stage of one block: the velocity at its state for the broadcast residuals, then the next state. */
    private static Block step(ExpertSource source, Block b, double[] residuals, double factor, double h, int stage,
                              boolean rk4) {
        double[] v = velocity(source, b, b.state(), residuals, factor);
        double[] y = b.angles();
        int n = y.length;
        if (!rk4) {
            double[] next = y.clone();
            for (int i = 0; i < n; i++) {
                next[i] += h * v[i];
            }
            return new Block(b.index(), b.from(), b.length(), next, new double[0][], next,
                    sums(source, b.length(), next));
        }
        // the arithmetic of io.qmoe.mixture.RungeKutta4Integrator, element by element
        double[][] k = new double[stage + 1][];
        System.arraycopy(b.k(), 0, k, 0, stage);
        k[stage] = v;
        if (stage < 3) {
            double[] state = new double[n];
            for (int i = 0; i < n; i++) {
                state[i] = y[i] + (stage == 2 ? h * v[i] : 0.5 * h * v[i]);
            }
            return new Block(b.index(), b.from(), b.length(), y, k, state, sums(source, b.length(), state));
        }
        double[] next = y.clone();
        for (int i = 0; i < n; i++) {
            next[i] += h / 6.0 * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]);
        }
        return new Block(b.index(), b.from(), b.length(), next, new double[0][], next, sums(source, b.length(), next));
    }

    /** The velocities of the block's experts at {@code state} for the residuals, times the scaling's factor. */
    private static double[] velocity(ExpertSource source, Block b, double[] state, double[] residuals,
                                     double factor) {
        double[] v = mixture(source, b.length()).residualVelocities(state, source.data(), residuals);
        if (factor != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
        }
        return v;
    }

    /** The angles of every expert, flat N·d in expert order (one N·d array on the driver: for checks and clouds). */
    public double[] angles() {
        List<Block> collected = blocks.collect();
        double[] all = new double[size * dimension];
        for (Block b : collected) {
            System.arraycopy(b.angles(), 0, all, b.from() * dimension, b.angles().length);
        }
        return all;
    }

    private void dropBroadcasts() {
        for (Broadcast<double[]> b : live) {
            b.destroy();
        }
        live.clear();
    }

    /** Drops the cached blocks and the broadcast residuals; the mixture cannot run any more. */
    public void release() {
        if (cached != null) {
            cached.unpersist(false);
        }
        dropBroadcasts();
    }
}
