package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.Optional;

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
    default Optional<ProbabilitySource> basisProbabilities() {
        return Optional.of(this);
    }

    @Override
    default Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        observable.requireQubits(circuit.qubitCount());
        circuit.checkBindings(bindings);
        double[] out = new double[bindings.length];
        forEachFinalState(circuit, bindings, (r, re, im) -> out[r] = observable.expectation(re, im));
        circuit.requireFinite(bindings, out);
        return Estimates.exact(out);
    }

    /** All observables from one simulation of each binding. */
    @Override
    default Estimates[] estimateAll(ParametricCircuit circuit, PauliObservable[] observables, double[][] bindings) {
        for (PauliObservable o : observables) {
            o.requireQubits(circuit.qubitCount());
        }
        circuit.checkBindings(bindings);
        double[][] out = new double[observables.length][bindings.length];
        forEachFinalState(circuit, bindings, (r, re, im) -> {
            for (int j = 0; j < observables.length; j++) {
                out[j][r] = observables[j].expectation(re, im);
            }
        });
        Estimates[] result = new Estimates[observables.length];
        for (int j = 0; j < observables.length; j++) {
            circuit.requireFinite(bindings, out[j]);
            result[j] = Estimates.exact(out[j]);
        }
        return result;
    }

    @Override
    default double[][] probabilities(ParametricCircuit circuit, double[][] bindings) {
        circuit.checkBindings(bindings);
        int dim = 1 << circuit.qubitCount();
        double[][] out = new double[bindings.length][dim];
        double[] norms = new double[bindings.length];
        forEachFinalState(circuit, bindings, (r, re, im) -> {
            for (int b = 0; b < dim; b++) {
                out[r][b] = re[b] * re[b] + im[b] * im[b];
                norms[r] += out[r][b];
            }
        });
        circuit.requireFinite(bindings, norms);
        return out;
    }
}
