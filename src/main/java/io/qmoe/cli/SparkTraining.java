package io.qmoe.cli;

import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.spark.PartitionedMixture;
import io.qmoe.spark.SparkContexts;
import java.util.function.IntPredicate;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark path of {@code qmoe train} ({@code --master}, or started by {@code spark-submit}): the mixture lives in
 * {@link PartitionedMixture} blocks on the executors and the driver sees what the thread path's
 * {@link io.qmoe.mixture.GradientFlowTrainer} reports, to the same bits, in the same order. Loaded only on that path
 * (the CLI runs without Spark on its class path otherwise).
 */
final class SparkTraining {
    private SparkTraining() {
    }

    /**
     * Integrates from grid index {@code from} to {@code to} on {@code master} (null: the master of spark-submit),
     * reporting to {@code observer} as {@link io.qmoe.mixture.GradientFlowTrainer#run} does, except that
     * {@code reached} has the angles only at the steps {@code wantsAngles} accepts (collected to the driver then, N·d
     * numbers; null at the others). On return {@code state} holds the final angles. The context is stopped however it ends.
     *
     * @param state the angles at {@code from}, flat N·d. Modified: the angles at {@code to}.
     * @param seed  the seed the angles at grid index 0 were drawn from (drawn again on the executors), or null to ship
     *              {@code state} (a resumed run)
     */
    static void run(String master, SparkRecipe recipe, OutputScaling scaling, TimeGrid grid, FlowIntegrator integrator,
                    double[] state, Long seed, int experts, int from, int to, TrainingObserver observer,
                    IntPredicate wantsAngles) {
        JavaSparkContext context;
        try {
            context = SparkContexts.start(master, "qmoe train");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--master: " + e.getMessage());
        }
        try {
            int partitions = Math.max(1, context.defaultParallelism());
            PartitionedMixture p = seed != null
                    ? new PartitionedMixture(context, recipe, experts, seed, partitions, scaling)
                    : new PartitionedMixture(context, recipe, state, partitions, scaling);
            p.run(grid, integrator, from, to, observer, wantsAngles);
            double[] end = p.angles();
            System.arraycopy(end, 0, state, 0, state.length);
            p.release();
        } finally {
            context.stop();
        }
    }
}
