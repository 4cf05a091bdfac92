package io.qmoe.gradient;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Computes f(θ, x) = ⟨O⟩ and its gradient with respect to every trainable angle θ_k for a batch of input bindings
 * (each {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]}). Data features are not differentiated.
 */
public interface GradientMethod {

    /** A short name, e.g. {@code adjoint} or {@code parameter-shift}. */
    String name();

    /** Values and gradients for every binding. */
    ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings);
}
