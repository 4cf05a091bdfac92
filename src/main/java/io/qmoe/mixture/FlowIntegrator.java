package io.qmoe.mixture;

import java.util.Locale;

/**
 * Advances a particle system along a {@link VelocityField} from t0 to t1. Fixed-step integrators take exactly one
 * step of size t1 − t0; the adaptive one takes as many error-controlled sub-steps as it needs. In every case the
 * first velocity evaluation is at (t0, θ(t0)), so a caller can read the state's loss from it.
 */
public interface FlowIntegrator {

    /** The name used on the command line and in run files. */
    String name();

    /** Whether one {@link #advance} call is one step of a fixed size. */
    boolean fixedStep();

    /** Moves {@code angles} in place from time t0 to t1. */
    void advance(VelocityField field, double t0, double t1, double[] angles);

    /** {@code euler}, {@code rk4} or {@code adaptive} (with the given relative and absolute tolerance). */
    static FlowIntegrator named(String name, double tolerance) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "euler":
                return new EulerIntegrator();
            case "rk4":
                return new RungeKutta4Integrator();
            case "adaptive":
                return new AdaptiveIntegrator(tolerance);
            default:
                throw new io.qmoe.InvalidSettingException("integrator", "'" + name + "' is not known: use euler, rk4 or "
                        + "adaptive");
        }
    }
}
