package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;

/**
 * An exact backend that can also return the computational-basis probabilities |⟨b|ψ⟩|² of the final state, which is
 * what a measurement samples from. The shot-sampling emulator uses it to draw correlated outcomes for every Pauli term
 * measured in one basis.
 */
public interface ProbabilitySource {
    /** Basis probabilities for every binding: {@code result[r][b]} for basis state b (qubit q = bit q). */
    double[][] probabilities(ParametricCircuit circuit, double[][] bindings);
}
