package io.qmoe.testing;

import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.mixture.Expert;

/**
 * Test double independent of every simulator: the circuit RY(t0)·RX(x0)·RY(t1) on |0⟩ with observable Z0 has, by
 * rotating the Bloch vector by hand, f = cos t0 · cos t1 · cos x0 − sin t0 · sin t1.
 */
public final class ClosedFormQubitExpert implements Estimator, GradientMethod {
    /** RY(t0)·RX(x0)·RY(t1). */
    public static final ParametricCircuit CIRCUIT = ParametricCircuit.builder(1).trainable("t0", "t1").data("x0")
            .ry(0, "t0").rx(0, "x0").ry(0, "t1").build();
    /** Z0. */
    public static final PauliObservable OBSERVABLE = PauliObservable.z(0);

    /** An expert backed by the closed form for values and gradients. */
    public static Expert expert() {
        ClosedFormQubitExpert e = new ClosedFormQubitExpert();
        return new Expert(CIRCUIT, OBSERVABLE, e, e);
    }

    /** The closed form. */
    public static double f(double t0, double t1, double x) {
        return Math.cos(t0) * Math.cos(t1) * Math.cos(x) - Math.sin(t0) * Math.sin(t1);
    }

    @Override
    public String name() {
        return "closed-form";
    }

    @Override
    public Estimator backend() {
        return this;
    }

    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        double[] v = new double[bindings.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f(bindings[i][0], bindings[i][1], bindings[i][2]);
        }
        return Estimates.exact(v);
    }

    @Override
    public ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        double[] v = new double[bindings.length];
        double[] g = new double[2 * bindings.length];
        for (int i = 0; i < v.length; i++) {
            double t0 = bindings[i][0];
            double t1 = bindings[i][1];
            double x = bindings[i][2];
            v[i] = f(t0, t1, x);
            g[2 * i] = -Math.sin(t0) * Math.cos(t1) * Math.cos(x) - Math.cos(t0) * Math.sin(t1);
            g[2 * i + 1] = -Math.cos(t0) * Math.sin(t1) * Math.cos(x) - Math.sin(t0) * Math.cos(t1);
        }
        return new ValuesAndGradients(v, g, 2);
    }
}
