package io.qmoe.mixture;

/**
 * Integrates the gradient flow of a mixture on a dataset over a {@link TimeGrid}, reporting every recorded state to a
 * {@link TrainingObserver}. Pure numerics: no files, no printing. The state is a flat angle array plus a grid index, so
 * a run can be stopped after any step and continued from that step with bit-identical results.
 */
public final class GradientFlowTrainer {
    private final MixtureOfExperts mixture;
    private final Dataset data;
    private final FlowIntegrator integrator;
    private final TimeGrid grid;

    /** A trainer for {@code mixture} on {@code data}. */
    public GradientFlowTrainer(MixtureOfExperts mixture, Dataset data, FlowIntegrator integrator, TimeGrid grid) {
        if (data.featureCount() != mixture.expert().featureCount()) {
            throw new IllegalArgumentException("the data has " + data.featureCount() + " feature column(s) but the "
                    + "circuit has " + mixture.expert().featureCount() + " data input(s) "
                    + mixture.expert().circuit().dataNames());
        }
        this.mixture = mixture;
        this.data = data;
        this.integrator = integrator;
        this.grid = grid;
    }

    /** The time grid. */
    public TimeGrid grid() {
        return grid;
    }

    /** The mixture. */
    public MixtureOfExperts mixture() {
        return mixture;
    }

    /** The dataset. */
    public Dataset data() {
        return data;
    }

    /** The integrator. */
    public FlowIntegrator integrator() {
        return integrator;
    }

    /**
     * Advances {@code angles} in place from grid index {@code fromStep} to {@code toStep}, recording the state at
     * every index from {@code fromStep} to {@code toStep - 1}, and also at {@code toStep} when it is the end of the
     * grid.
     */
    public void run(double[] angles, int fromStep, int toStep, TrainingObserver observer) {
        if (fromStep < 0 || toStep > grid.steps() || fromStep > toStep) {
            throw new IllegalArgumentException("steps " + fromStep + ".." + toStep + " outside 0.." + grid.steps());
        }
        for (int j = fromStep; j < toStep; j++) {
            int step = j;
            MixtureFlow field = new MixtureFlow(mixture, data, e -> observer.stage(step, e));
            double t0 = grid.time(j);
            double t1 = grid.time(j + 1);
            integrator.advance(field, t0, t1, angles);
            observer.recorded(j, t0, field.firstEvaluation());
            observer.reached(j + 1, t1, angles);
        }
        if (toStep == grid.steps()) {
            observer.recorded(toStep, grid.totalTime(), mixture.evaluate(angles, data));
        }
    }
}
