package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * A backend that differentiates its own circuits exactly, as a simulator can and hardware cannot (PennyLane's
 * {@code supports_derivatives}/{@code compute_derivatives}): the state-vector engine does it by the adjoint method.
 * Obtained from {@link Estimator#differentiation()}, never by a type test.
 */
public interface Differentiable {

    /** The name of the method, e.g. {@code adjoint}. */
    String derivativeMethod();

    /**
     * f(θ, x) and ∂f/∂θ_k for every binding {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]}.
     *
     * @param circuit    the circuit. Not modified.
     * @param observable the observable, acting on the circuit's qubits. Not modified.
     * @param bindings   one input vector per row. Not modified.
     * @return values and row-major gradients, owned by the caller
     */
    ValuesAndGradients valuesAndGradients(ParametricCircuit circuit, PauliObservable observable, double[][] bindings);
}
