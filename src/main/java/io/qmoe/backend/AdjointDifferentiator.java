package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;

/**
 * The adjoint sweep behind {@link StateVectorEstimator#valuesAndGradients}: it needs the engine's compiled kernels,
 * so it lives beside them. Per binding: forward pass, λ = O·ψ, then for each gate from last to first take
 * 2·Im⟨λ|G|ψ⟩ (if parametric) and un-apply the gate from ψ and λ.
 */
final class AdjointDifferentiator {
    private AdjointDifferentiator() {
    }

    /** Values and θ-gradients for every binding, in parallel on the engine's workers. */
    static ValuesAndGradients evaluate(StateVectorEstimator engine, ParametricCircuit circuit,
                                              PauliObservable observable, double[][] bindings) {
        StateVectorEstimator.check(circuit, observable, bindings);
        if (LaneProgram.suits(circuit)) {
            return inLanes(engine, circuit, observable, bindings);
        }
        return oneAtATime(engine, circuit, observable, bindings);
    }

    /** The sweep one binding at a time on full state vectors (registers above {@link LaneProgram#MAX_QUBITS}). */
    static ValuesAndGradients oneAtATime(StateVectorEstimator engine, ParametricCircuit circuit,
                                         PauliObservable observable, double[][] bindings) {
        CompiledCircuit compiled = new CompiledCircuit(circuit);
        int d = circuit.trainableCount();
        int gates = compiled.gateCount();
        int dim = 1 << circuit.qubitCount();
        // for each gate, the trainable angles its angle depends on
        int[][] dependsOn = new int[gates][];
        for (int g = 0; g < gates; g++) {
            dependsOn[g] = compiled.trainableDependencies(g, d);
        }
        double[] values = new double[bindings.length];
        double[] gradients = new double[bindings.length * d];
        engine.parallel().run(bindings.length, (long) dim * (3L * gates + 2), (from, to) -> {
            double[] pre = new double[dim];
            double[] pim = new double[dim];
            double[] lre = new double[dim];
            double[] lim = new double[dim];
            double[] cos = new double[gates];
            double[] sin = new double[gates];
            double[] lastAngle = compiled.newAngleCache();
            for (int r = from; r < to; r++) {
                double[] inputs = bindings[r];
                compiled.trig(inputs, cos, sin, lastAngle);
                compiled.run(pre, pim, cos, sin);
                values[r] = observable.expectation(pre, pim);
                applyObservable(observable, pre, pim, lre, lim);
                int base = r * d;
                for (int g = gates - 1; g >= 0; g--) {
                    if (dependsOn[g].length > 0) {
                        double dphi = 2 * compiled.generatorImagOverlap(g, lre, lim, pre, pim);
                        for (int k : dependsOn[g]) {
                            gradients[base + k] += dphi * compiled.angleDerivative(g, inputs, k);
                        }
                    }
                    if (g > 0) {
                        compiled.apply(g, pre, pim, cos[g], sin[g], true);
                        compiled.apply(g, lre, lim, cos[g], sin[g], true);
                    }
                }
            }
        });
        return new ValuesAndGradients(values, gradients, d);
    }

    /** The same sweep for small registers, {@code lanes} bindings at a time ({@link LaneSimulation}). */
    private static ValuesAndGradients inLanes(StateVectorEstimator engine, ParametricCircuit circuit,
                                              PauliObservable observable, double[][] bindings) {
        LaneProgram program = new LaneProgram(circuit, bindings.length);
        LaneObservable compiledObservable = new LaneObservable(observable, program.dim);
        int d = circuit.trainableCount();
        double[] values = new double[bindings.length];
        double[] gradients = new double[bindings.length * d];
        engine.parallel().run(bindings.length, (long) program.dim * (3L * circuit.gates().size() + 2),
                (from, to) -> {
                    LaneSimulation sim = new LaneSimulation(program);
                    for (int r = from; r < to; r += program.lanes) {
                        int count = Math.min(program.lanes, to - r);
                        sim.bind(bindings, r, count);
                        sim.forward();
                        sim.adjoint(compiledObservable, bindings, r, count, values, gradients, d);
                    }
                });
        return new ValuesAndGradients(values, gradients, d);
    }

    /** λ = O·ψ into (lre, lim). */
    static void applyObservable(PauliObservable o, double[] pre, double[] pim, double[] lre, double[] lim) {
        java.util.Arrays.fill(lre, 0);
        java.util.Arrays.fill(lim, 0);
        int dim = pre.length;
        for (PauliObservable.Term t : o.terms()) {
            PauliString p = t.pauli();
            long x = p.xMask();
            double c = t.coefficient();
            for (int j = 0; j < dim; j++) {
                // P|j⟩ = i^k |j ⊕ x⟩
                int k = p.phaseExponent(j);
                double cr = c * PauliString.phaseReal(k);
                double ci = c * PauliString.phaseImaginary(k);
                int i = (int) (j ^ x);
                lre[i] += cr * pre[j] - ci * pim[j];
                lim[i] += cr * pim[j] + ci * pre[j];
            }
        }
    }
}
