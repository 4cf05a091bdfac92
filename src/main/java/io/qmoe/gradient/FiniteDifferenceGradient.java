package io.qmoe.gradient;

import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Central finite differences [f(θ + h e_k) − f(θ − h e_k)] / (2h), for checking the other methods. All 2d shifted
 * bindings of the batch go to the backend in one call. Error O(h²) plus rounding O(ε/h); the default h = 1e-5 gives
 * about 1e-10 on double-precision backends (useless on shot-noise backends).
 */
public final class FiniteDifferenceGradient implements GradientMethod {
    /** The default step. */
    public static final double DEFAULT_STEP = 1e-5;

    private final Estimator backend;
    private final double step;

    /** Central differences with the default step. */
    public FiniteDifferenceGradient(Estimator backend) {
        this(backend, DEFAULT_STEP);
    }

    /** Central differences with step {@code step}. */
    public FiniteDifferenceGradient(Estimator backend, double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("finite-difference step must be positive, got " + step);
        }
        this.backend = backend;
        this.step = step;
    }

    @Override
    public String name() {
        return "finite-difference";
    }

    @Override
    public Estimator backend() {
        return backend;
    }

    @Override
    public ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        circuit.checkBindings(bindings);
        int d = circuit.trainableCount();
        int per = 1 + 2 * d;
        double[][] rows = new double[bindings.length * per][];
        for (int b = 0; b < bindings.length; b++) {
            rows[b * per] = bindings[b].clone();
            for (int k = 0; k < d; k++) {
                double[] plus = bindings[b].clone();
                double[] minus = bindings[b].clone();
                plus[k] += step;
                minus[k] -= step;
                rows[b * per + 1 + 2 * k] = plus;
                rows[b * per + 2 + 2 * k] = minus;
            }
        }
        double[] f = backend.values(circuit, observable, rows);
        double[] values = new double[bindings.length];
        double[] gradients = new double[bindings.length * d];
        for (int b = 0; b < bindings.length; b++) {
            values[b] = f[b * per];
            for (int k = 0; k < d; k++) {
                gradients[b * d + k] = (f[b * per + 1 + 2 * k] - f[b * per + 2 + 2 * k]) / (2 * step);
            }
        }
        return new ValuesAndGradients(values, gradients, d);
    }
}
