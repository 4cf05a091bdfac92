package io.qmoe.strange;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.mixture.Expert;
import org.redfx.strange.Program;

/**
 * A Strange {@link Program} of {@link ParametricGate}s as a differentiable qmoe {@link Expert}: f(θ, x) = ⟨O⟩ after
 * the program, θ its trainable parameters and x its data parameters in the order of {@link FromStrange#toCircuit}.
 */
public final class StrangeExperts {
    private StrangeExperts() {
    }

    /**
     * The expert of {@code program} and {@code observable} on the double-precision state-vector engine with adjoint
     * gradients (exact to rounding), using all processors. The program's bound values are not used: the expert
     * takes θ and x as arguments. The expert owns a new engine: close {@code expert.estimator()} when done, or pass
     * a shared backend to {@link #fromProgram(Program, PauliObservable, Estimator)}.
     */
    public static Expert fromProgram(Program program, PauliObservable observable) {
        return fromProgram(program, observable, new StateVectorEstimator());
    }

    /** The expert of {@code program} and {@code observable} on {@code backend}, with that backend's best gradient. */
    public static Expert fromProgram(Program program, PauliObservable observable, Estimator backend) {
        return Expert.on(FromStrange.toCircuit(program), observable, backend);
    }

    /** The expert of {@code program} and {@code observable} on a given backend and gradient method. */
    public static Expert fromProgram(Program program, PauliObservable observable, Estimator estimator,
                                     GradientMethod gradient) {
        return new Expert(FromStrange.toCircuit(program), observable, estimator, gradient);
    }
}
