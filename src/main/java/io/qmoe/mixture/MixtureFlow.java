package io.qmoe.mixture;

/**
 * The gradient-flow velocity field of a mixture on a dataset, v_i = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a). It remembers the
 * first evaluation it made, which integrators make at the start of a step, so the trainer can record the loss and
 * residuals of each state without another backend call.
 */
public final class MixtureFlow implements VelocityField {
    private final MixtureOfExperts mixture;
    private final Dataset data;
    private final java.util.function.Consumer<FlowEvaluation> stages;
    private FlowEvaluation first;

    /** The flow of {@code mixture} on {@code data}. */
    public MixtureFlow(MixtureOfExperts mixture, Dataset data) {
        this(mixture, data, e -> { });
    }

    /** The flow of {@code mixture} on {@code data}, handing every evaluation to {@code stages} as it is made. */
    public MixtureFlow(MixtureOfExperts mixture, Dataset data, java.util.function.Consumer<FlowEvaluation> stages) {
        this.mixture = mixture;
        this.data = data;
        this.stages = stages;
    }

    @Override
    public double[] velocity(double t, double[] angles) {
        FlowEvaluation e = mixture.evaluateWithVelocity(angles, data);
        if (first == null) {
            first = e;
        }
        stages.accept(e);
        return e.velocity();
    }

    /** The first evaluation made through this field, or null if none was. */
    public FlowEvaluation firstEvaluation() {
        return first;
    }
}
