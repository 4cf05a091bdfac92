package io.qmoe.mixture;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;

/**
 * Embedded Dormand–Prince 5(4) with error control (Hipparchus), restarted on every {@link #advance} interval so that a
 * run resumed at an interval boundary reproduces an uninterrupted one exactly.
 */
public final class AdaptiveIntegrator implements FlowIntegrator {
    private final double tolerance;

    /** Uses {@code tolerance} as both the relative and the absolute error bound per step. */
    public AdaptiveIntegrator(double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive number, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** The error tolerance. */
    public double tolerance() {
        return tolerance;
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public boolean fixedStep() {
        return false;
    }

    @Override
    public void advance(VelocityField field, double t0, double t1, double[] angles) {
        double span = t1 - t0;
        DormandPrince54Integrator integrator =
                new DormandPrince54Integrator(span * 1e-9, span, tolerance, tolerance);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return angles.length;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return field.velocity(t, y);
            }
        };
        ODEStateAndDerivative end = integrator.integrate(ode, new ODEState(t0, angles.clone()), t1);
        System.arraycopy(end.getPrimaryState(), 0, angles, 0, angles.length);
    }
}
