package io.qmoe.gradient;

import io.qmoe.backend.Differentiable;
import io.qmoe.backend.Estimator;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Adjoint differentiation, run by the backend that owns it: one forward pass to |ψ⟩, |λ⟩ = O|ψ⟩, then one backward
 * sweep that un-applies each gate from both states and reads ∂f/∂φ_g = 2·Im⟨λ|G_g|ψ⟩ at every parametric gate; the
 * chain rule ∂φ_g/∂θ_k gives all d derivatives. Cost ≈ 3–4 forward passes and three state vectors, whatever d is.
 * Exact simulators only: it reads the state, which hardware cannot, so a backend without
 * {@link Estimator#differentiation()} is refused here, in the library.
 */
public final class AdjointGradient implements GradientMethod {
    private final Estimator backend;
    private final Differentiable engine;

    /**
     * The adjoint method of {@code backend}.
     *
     * @throws IllegalArgumentException when the backend cannot differentiate its own circuits (shots, hardware)
     */
    public AdjointGradient(Estimator backend) {
        this.backend = backend;
        this.engine = backend.differentiation().orElseThrow(() -> new IllegalArgumentException(
                "adjoint differentiation reads the simulator's exact state, which backend " + backend.name()
                        + (backend.exact() ? "" : " (shot noise)") + " does not give; use parameter-shift"));
    }

    @Override
    public String name() {
        return "adjoint";
    }

    @Override
    public Estimator backend() {
        return backend;
    }

    /** True: the adjoint gradient is the backend's own differentiation. */
    @Override
    public boolean backendDifferentiation() {
        return true;
    }

    @Override
    public ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        return engine.valuesAndGradients(circuit, observable, bindings);
    }
}
