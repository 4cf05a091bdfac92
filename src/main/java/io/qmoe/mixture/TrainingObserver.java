package io.qmoe.mixture;

/** Receives what a {@link GradientFlowTrainer} computes; the I/O layer turns it into history, snapshots and checkpoints. */
public interface TrainingObserver {
    /** The evaluation (predictions, residuals, loss) of the state at grid index {@code step}, time {@code t}. */
    void recorded(int step, double t, FlowEvaluation evaluation);

    /**
     * One velocity evaluation inside the step from grid index {@code step}: an RK4 step makes four, in call order. The
     * mean-field analysis records the reference's stage residuals here to replay them for the nonlinear process.
     */
    default void stage(int step, FlowEvaluation evaluation) {
    }

    /** The state after a step has reached grid index {@code step}; {@code angles} must not be modified or kept. */
    default void reached(int step, double t, double[] angles) {
    }

    /** A no-op observer. */
    TrainingObserver NONE = (step, t, evaluation) -> { };
}
