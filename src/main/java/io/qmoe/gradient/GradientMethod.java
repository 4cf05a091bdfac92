package io.qmoe.gradient;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Computes f(θ, x) = ⟨O⟩ and its gradient with respect to every trainable angle θ_k for a batch of input bindings
 * (each {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]}). Data features are not differentiated. Every method runs on one
 * backend, {@link #backend()}, whose values it differentiates: values and gradients never come from two engines.
 */
public interface GradientMethod {

    /** A short name, e.g. {@code adjoint} or {@code parameter-shift}. */
    String name();

    /** The backend whose values this method differentiates. */
    Estimator backend();

    /**
     * Whether this method's values and gradients are exactly the backend's own differentiation
     * ({@link Estimator#differentiation()}), so that the backend's other exact paths (such as
     * {@link io.qmoe.backend.GridEvaluation}) give the same numbers. False by default.
     */
    default boolean backendDifferentiation() {
        return false;
    }

    /** Values and gradients for every binding. */
    ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings);

    /**
     * The gradient method named {@code name} on {@code backend}: {@code adjoint}, {@code parameter-shift} or
     * {@code finite-difference}; null or blank gives the backend's best: its own differentiation where it has one,
     * else parameter-shift (which hardware can run).
     *
     * @throws IllegalArgumentException for an unknown name, or adjoint on a backend without it
     */
    static GradientMethod named(String name, Estimator backend) {
        String g = name == null || name.isBlank()
                ? (backend.differentiation().isPresent() ? "adjoint" : "parameter-shift")
                : name.strip().toLowerCase(java.util.Locale.ROOT);
        switch (g) {
            case "adjoint":
                return new AdjointGradient(backend);
            case "parameter-shift":
                return new ParameterShiftGradient(backend);
            case "finite-difference":
                return new FiniteDifferenceGradient(backend);
            default:
                throw new IllegalArgumentException("'" + name + "' is not known: use adjoint, "
                        + "parameter-shift or finite-difference");
        }
    }
}
