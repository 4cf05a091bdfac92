package io.qmoe.gradient;

import io.qmoe.backend.StateVectorEstimator;
import io.qmoe.backend.AdjointDifferentiator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Adjoint differentiation on the state-vector engine: one forward pass to |ψ⟩, |λ⟩ = O|ψ⟩, then one backward sweep
 * that un-applies each gate from both states and reads ∂f/∂φ_g = 2·Im⟨λ|G_g|ψ⟩ at every parametric gate; the chain
 * rule ∂φ_g/∂θ_k gives all d derivatives. Cost ≈ 3–4 forward passes and three state vectors, whatever d is. Exact
 * simulators only: it reads the state, which hardware cannot.
 */
public final class AdjointGradient implements GradientMethod {
    private final StateVectorEstimator engine;

    /** Uses all processors. */
    public AdjointGradient() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Uses {@code threads} workers. */
    public AdjointGradient(int threads) {
        this.engine = new StateVectorEstimator(threads);
    }

    @Override
    public String name() {
        return "adjoint";
    }

    @Override
    public ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        return AdjointDifferentiator.evaluate(engine, circuit, observable, bindings);
    }
}
