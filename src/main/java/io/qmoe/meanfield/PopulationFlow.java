package io.qmoe.meanfield;

import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.TrainingObserver;
import java.util.function.IntPredicate;

/**
 * How the reference population of an analysis is integrated: on this machine ({@link #LOCAL}, the trainer itself) or
 * partitioned elsewhere ({@code io.qmoe.spark}). Whatever integrates it must report the trainer's bits.
 */
@FunctionalInterface
public interface PopulationFlow {
    /** The trainer in this JVM (angles reported at every step). */
    PopulationFlow LOCAL = (trainer, angles, seed, observer, wantsAngles) ->
            trainer.run(angles, 0, trainer.grid().steps(), observer);

    /**
     * Integrates {@code trainer}'s mixture over its whole grid from {@code angles}, which are
     * {@code trainer.mixture().initialAngles(seed)}, reporting to {@code observer} what
     * {@link GradientFlowTrainer#run} reports, to the same bits; {@code reached} may have null angles at the grid
     * indices {@code wantsAngles} refuses.
     *
     * @param angles the initial angles, flat N·d. May be modified.
     */
    void run(GradientFlowTrainer trainer, double[] angles, long seed, TrainingObserver observer,
             IntPredicate wantsAngles);
}
