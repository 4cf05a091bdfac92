package io.qmoe.mixture;

/** The classical fourth-order Runge–Kutta method, one step per call (four velocity evaluations). */
public final class RungeKutta4Integrator implements FlowIntegrator {
    @Override
    public String name() {
        return "rk4";
    }

    @Override
    public boolean fixedStep() {
        return true;
    }

    @Override
    public void advance(VelocityField field, double t0, double t1, double[] angles) {
        double h = t1 - t0;
        int n = angles.length;
        double[] k1 = field.velocity(t0, angles);
        double[] stage = new double[n];
        for (int i = 0; i < n; i++) {
            stage[i] = angles[i] + 0.5 * h * k1[i];
        }
        double[] k2 = field.velocity(t0 + 0.5 * h, stage);
        for (int i = 0; i < n; i++) {
            stage[i] = angles[i] + 0.5 * h * k2[i];
        }
        double[] k3 = field.velocity(t0 + 0.5 * h, stage);
        for (int i = 0; i < n; i++) {
            stage[i] = angles[i] + h * k3[i];
        }
        double[] k4 = field.velocity(t1, stage);
        for (int i = 0; i < n; i++) {
            angles[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
