package io.qmoe.mixture;

/**
 * Explicit Euler: θ ← θ + h·v(t, θ). On the mean-field time scale this is gradient descent on N·L with learning rate
 * h, i.e. plain gradient descent on each expert's angles with learning rate h·N on L.
 */
public final class EulerIntegrator implements FlowIntegrator {
    @Override
    public String name() {
        return "euler";
    }

    @Override
    public boolean fixedStep() {
        return true;
    }

    @Override
    public void advance(VelocityField field, double t0, double t1, double[] angles) {
        double h = t1 - t0;
        double[] v = field.velocity(t0, angles);
        for (int i = 0; i < angles.length; i++) {
            angles[i] += h * v[i];
        }
    }
}
