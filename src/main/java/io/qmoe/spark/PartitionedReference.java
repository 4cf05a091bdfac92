package io.qmoe.spark;

import io.qmoe.meanfield.PopulationFlow;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.TrainingObserver;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The reference population of an analysis on Spark: from {@link #MIN_SIZE} particles on, a {@link PartitionedMixture}
 * over the context's default parallelism (its initial angles drawn on the executors from the seed, its clouds
 * collected only at the transport snapshots); below that, the trainer on the driver, where a few blocks cost less than
 * a job per stage. Either way the trainer's bits.
 */
public final class PartitionedReference implements PopulationFlow {
    /** The smallest population that runs partitioned: four blocks of {@link MixtureOfExperts#SUM_BLOCK}. */
    public static final int MIN_SIZE = 4 * MixtureOfExperts.SUM_BLOCK;

    private final JavaSparkContext context;
    private final ExpertSource source;

    /** Populations on {@code context}, each executor building its expert from {@code source}. */
    public PartitionedReference(JavaSparkContext context, ExpertSource source) {
        this.context = context;
        this.source = source;
    }

    /** Whether a population of {@code size} particles runs partitioned. */
    public static boolean partitioned(int size) {
        return size >= MIN_SIZE;
    }

    @Override
    public void run(GradientFlowTrainer trainer, double[] angles, long seed, TrainingObserver observer,
                    IntPredicate wantsAngles) {
        MixtureOfExperts mixture = trainer.mixture();
        if (!partitioned(mixture.size())) {
            LOCAL.run(trainer, angles, seed, observer, wantsAngles);
            return;
        }
        PartitionedMixture population = new PartitionedMixture(context, source, mixture.size(), seed,
                Math.max(1, context.defaultParallelism()), mixture.scaling());
        try {
            population.run(trainer.grid(), trainer.integrator(), 0, trainer.grid().steps(), observer, wantsAngles);
        } finally {
            population.release();
        }
    }
}
