package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * The hardware-agnostic backend: one parametric circuit, one observable and an array of input bindings in, one
 * expectation value per binding out. This is the shape of IBM's Estimator PUB (circuit, observable, parameter-value
 * array) and of an Amazon Braket program set, so a batch can become one remote job.
 *
 * <p>Each binding is a full input vector {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]} (see {@link ParametricCircuit}).
 * Implementations must be deterministic for a given input (seeded where they sample) and must not keep per-call state
 * that breaks when called from several threads.
 */
public interface Estimator {

    /** A short name for messages and run files, e.g. {@code statevector} or {@code strange}. */
    String name();

    /** Whether values are exact expectation values (no sampling noise). */
    default boolean exact() {
        return true;
    }

    /**
     * Estimates ⟨O⟩ for every binding.
     *
     * @throws IllegalArgumentException for a binding of the wrong length, a non-finite value, or an observable acting
     *                                  outside the circuit
     */
    Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings);

    /** The values only. */
    default double[] values(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        return estimate(circuit, observable, bindings).values();
    }

    /** One value. */
    default double value(ParametricCircuit circuit, PauliObservable observable, double[] binding) {
        return values(circuit, observable, new double[][] {binding})[0];
    }
}
