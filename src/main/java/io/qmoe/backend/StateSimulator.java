package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * An exact simulator that produces the final state of every binding: expectation values and basis probabilities are
 * both read off those states, so implementations provide only {@link #forEachFinalState}.
 */
public interface StateSimulator extends Estimator, ProbabilitySource {

    /** Receives the final state of binding r; the buffers are reused for the next binding (read, do not keep). */
    @FunctionalInterface
    interface StateConsumer {
        /** Handles binding {@code r}'s amplitudes. */
        void accept(int r, double[] re, double[] im);
    }

    /** Simulates every binding (validated by the caller) and hands each final state to {@code consumer}. */
    void forEachFinalState(ParametricCircuit circuit, double[][] bindings, StateConsumer consumer);

    @Override
    default Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        observable.requireQubits(circuit.qubitCount());
        circuit.checkBindings(bindings);
        double[] out = new double[bindings.length];
        forEachFinalState(circuit, bindings, (r, re, im) -> out[r] = observable.expectation(re, im));
        return Estimates.exact(out);
    }

    @Override
    default double[][] probabilities(ParametricCircuit circuit, double[][] bindings) {
        circuit.checkBindings(bindings);
        int dim = 1 << circuit.qubitCount();
        double[][] out = new double[bindings.length][dim];
        forEachFinalState(circuit, bindings, (r, re, im) -> {
            for (int b = 0; b < dim; b++) {
                out[r][b] = re[b] * re[b] + im[b] * im[b];
            }
        });
        return out;
    }
}
