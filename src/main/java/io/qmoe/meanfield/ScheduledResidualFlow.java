package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.VelocityField;
import java.util.List;

/**
 * The velocity field of the nonlinear process: each particle moves by dθ̄_i/dt = −(1/M) Σ_a r_ref,a(t) ∇f(θ̄_i, x_a),
 * with the residuals of the reference solution instead of its own ensemble's, so particles are independent of each
 * other. The residuals of one step are replayed stage by stage from a {@link ResidualSchedule}.
 */
final class ScheduledResidualFlow implements VelocityField {
    private final MixtureOfExperts particles;
    private final Dataset data;
    private final List<double[]> stages;
    private int next;

    ScheduledResidualFlow(MixtureOfExperts particles, Dataset data, List<double[]> stages) {
        this.particles = particles;
        this.data = data;
        this.stages = stages;
    }

    @Override
    public double[] velocity(double t, double[] angles) {
        if (next >= stages.size()) {
            throw new IllegalStateException("the integrator asked for more stages than the reference recorded");
        }
        // gradients reduced straight into the velocities on the state-vector engine: O(N·d) memory
        return particles.residualVelocities(angles, data, stages.get(next++));
    }
}
