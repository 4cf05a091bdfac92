package io.qmoe.backend.statevector;

import io.qmoe.backend.GridEvaluation;

import io.qmoe.backend.ValuesAndGradients;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;
import java.util.Arrays;

/**
 * The adjoint sweep behind {@link StateVectorEstimator#valuesAndGradients}: it needs the engine's compiled kernels,
 * so it lives beside them. Per binding: forward pass, λ = O·ψ, then for each gate from last to first take
 * 2·Im⟨λ|G|ψ⟩ (if parametric) and un-apply the gate from ψ and λ. Results either fill per-row arrays or are reduced
 * at once into data-weighted sums per expert ({@link GridEvaluation#weightedGradients}); a row's gradient is the same
 * bits either way.
 */
final class AdjointDifferentiator {
    private AdjointDifferentiator() {
    }

    /** Where the per-row results go: full arrays, or weighted sums per unit (expert) of the rows. */
    private static final class Sink {
        final double[] values;
        final double[] gradients;
        final double[] weights;
        final double[] weighted;
        final int offset;

        Sink(double[] values, double[] gradients, double[] weights, double[] weighted, int offset) {
            this.values = values;
            this.gradients = gradients;
            this.weights = weights;
            this.weighted = weighted;
            this.offset = offset;
        }

        /**
         * Adds weights[a]·g_r to the unit of each row r = first … first + count − 1, from the row gradients in
         * {@code g[(r − first)·d …]}: for one unit, rows come in ascending order, so the sum runs over ascending a.
         */
        void reduce(double[] g, int first, int count, int rowsPerUnit, int d) {
            for (int l = 0; l < count; l++) {
                int r = first + l;
                int unit = r / rowsPerUnit;
                double w = weights[r - unit * rowsPerUnit];
                int base = offset + unit * d;
                for (int k = 0; k < d; k++) {
                    weighted[base + k] += w * g[l * d + k];
                }
            }
        }
    }

    /** Values and θ-gradients for every binding, in parallel on the engine's workers. */
    static ValuesAndGradients evaluate(StateVectorEstimator engine, ParametricCircuit circuit,
                                       PauliObservable observable, double[][] bindings) {
        StateVectorEstimator.check(circuit, observable, bindings);
        return evaluate(engine, circuit, observable, InputRows.of(bindings));
    }

    /** Values and θ-gradients for every row (validated by the caller). */
    static ValuesAndGradients evaluate(StateVectorEstimator engine, ParametricCircuit circuit,
                                       PauliObservable observable, InputRows rows) {
        int d = circuit.trainableCount();
        Sink sink = new Sink(new double[rows.size()], new double[rows.size() * d], null, null, 0);
        sweep(engine, circuit, observable, rows, sink, LaneProgram.suits(circuit));
        return new ValuesAndGradients(sink.values, sink.gradients, d);
    }

    /** {@code out[offset + unit·d + k] += Σ_a weights[a] ∂f_{unit, a}/∂θ_k} over the rows of a grid. */
    static void weighted(StateVectorEstimator engine, ParametricCircuit circuit, PauliObservable observable,
                         InputRows grid, double[] weights, double[] out, int offset) {
        sweep(engine, circuit, observable, grid, new Sink(null, null, weights, out, offset), LaneProgram.suits(circuit));
    }

    /** The sweep one binding at a time on full state vectors (registers above {@link LaneProgram#MAX_QUBITS}). */
    static ValuesAndGradients oneAtATime(StateVectorEstimator engine, ParametricCircuit circuit,
                                         PauliObservable observable, double[][] bindings) {
        int d = circuit.trainableCount();
        Sink sink = new Sink(new double[bindings.length], new double[bindings.length * d], null, null, 0);
        sweep(engine, circuit, observable, InputRows.of(bindings), sink, false);
        return new ValuesAndGradients(sink.values, sink.gradients, d);
    }

    private static void sweep(StateVectorEstimator engine, ParametricCircuit circuit, PauliObservable observable,
                              InputRows rows, Sink sink, boolean lanes) {
        int perUnit = rows.rowsPerUnit();
        int units = rows.size() / perUnit;
        long work = (long) perUnit * (1L << circuit.qubitCount()) * (3L * circuit.gates().size() + 2);
        java.util.Optional<BlochProgram> bloch = lanes ? engine.blochProgram(circuit) : java.util.Optional.empty();
        if (bloch.isPresent()) {
            bloch.get().gradients(engine.parallel(), observable, rows, sink.values, sink.gradients, sink.weights,
                    sink.weighted, sink.offset);
        } else if (lanes) {
            LaneProgram program = engine.laneProgram(circuit, rows.size());
            LaneObservable o = engine.laneObservable(observable, program.dim);
            LaneProgram.PointTrig pointTrig = program.pointTrig(rows);
            engine.parallel().run(units, work, (from, to) -> inLanes(program, o, rows, pointTrig, from * perUnit,
                    to * perUnit, sink));
        } else {
            CompiledCircuit compiled = engine.compiled(circuit);
            engine.parallel().run(units, work, (from, to) -> oneAtATime(compiled, observable, rows, from * perUnit,
                    to * perUnit, sink));
        }
    }

    /** Rows [from, to) in groups of lanes ({@link LaneSimulation}). */
    private static void inLanes(LaneProgram program, LaneObservable o, InputRows rows, LaneProgram.PointTrig pointTrig,
                                int from, int to, Sink sink) {
        int d = program.compiled.circuit().trainableCount();
        LaneSimulation sim = program.borrow();
        try {
            if (StateVectorEstimator.expertMajor(rows, program)) {
                expertMajor(sim, program, o, (InputRows.Grid) rows, pointTrig, from / rows.rowsPerUnit(),
                        to / rows.rowsPerUnit(), sink, d);
                return;
            }
            for (int r = from; r < to; r += program.lanes) {
                int count = Math.min(program.lanes, to - r);
                sim.bind(rows, pointTrig, r, count);
                sim.forward();
                if (sink.weights == null) {
                    sim.adjoint(o, count, sink.values, r, sink.gradients, r, d);
                } else {
                    Arrays.fill(sim.groupGradients, 0);
                    sim.adjoint(o, count, sim.groupValues, 0, sim.groupGradients, 0, d);
                    sink.reduce(sim.groupGradients, r, count, rows.rowsPerUnit(), d);
                }
            }
        } finally {
            program.giveBack(sim);
        }
    }

    /**
     * Experts [fromUnit, toUnit) of a grid (relative to its first expert), lanes holding consecutive experts at one
     * data point, the points in ascending order: each expert's weighted sum still runs over ascending a, and per-row
     * values and gradients land where the row-major pass puts them, with the same bits.
     */
    private static void expertMajor(LaneSimulation sim, LaneProgram program, LaneObservable o, InputRows.Grid grid,
                                    LaneProgram.PointTrig pointTrig, int fromUnit, int toUnit, Sink sink, int d) {
        int points = grid.points;
        double[] g = sim.groupGradients;
        for (int e = fromUnit; e < toUnit; e += program.lanes) {
            int count = Math.min(program.lanes, toUnit - e);
            sim.bindExperts(grid, grid.from + e, count);
            for (int a = 0; a < points; a++) {
                sim.bindPoint(grid, pointTrig, a);
                sim.forward();
                Arrays.fill(g, 0);
                sim.adjoint(o, count, sim.groupValues, 0, g, 0, d);
                if (sink.weights != null) {
                    double w = sink.weights[a];
                    for (int l = 0; l < count; l++) {
                        int base = sink.offset + (e + l) * d;
                        for (int k = 0; k < d; k++) {
                            sink.weighted[base + k] += w * g[l * d + k];
                        }
                    }
                } else {
                    for (int l = 0; l < count; l++) {
                        int r = (e + l) * points + a;
                        sink.values[r] = sim.groupValues[l];
                        System.arraycopy(g, l * d, sink.gradients, r * d, d);
                    }
                }
            }
        }
    }

    /** Rows [from, to) one at a time on full state vectors. */
    private static void oneAtATime(CompiledCircuit compiled, PauliObservable observable, InputRows rows, int from,
                                   int to, Sink sink) {
        ParametricCircuit circuit = compiled.circuit();
        int d = circuit.trainableCount();
        int gates = compiled.gateCount();
        int dim = 1 << circuit.qubitCount();
        int[][] dependsOn = compiled.trainableDependencies(d);
        double[] pre = new double[dim];
        double[] pim = new double[dim];
        double[] lre = new double[dim];
        double[] lim = new double[dim];
        CompiledCircuit.Workspace w = compiled.newWorkspace();
        double[] inputs = w.inputs;
        double[] rowGradient = sink.weights == null ? null : new double[d];
        for (int r = from; r < to; r++) {
            rows.copy(r, inputs);
            w.bind();
            compiled.run(pre, pim, w);
            double value = observable.expectation(pre, pim);
            applyObservable(observable, pre, pim, lre, lim);
            double[] g = rowGradient != null ? rowGradient : sink.gradients;
            int base = rowGradient != null ? 0 : r * d;
            if (rowGradient != null) {
                Arrays.fill(rowGradient, 0);
            } else {
                sink.values[r] = value;
            }
            for (int gate = gates - 1; gate >= 0; gate--) {
                if (dependsOn[gate].length > 0) {
                    double dphi = 2 * compiled.generatorImagOverlap(gate, lre, lim, pre, pim);
                    for (int k : dependsOn[gate]) {
                        g[base + k] += dphi * compiled.angleDerivative(gate, inputs, k);
                    }
                }
                if (gate > 0) {
                    compiled.apply(gate, pre, pim, w.cos[gate], w.sin[gate], true);
                    compiled.apply(gate, lre, lim, w.cos[gate], w.sin[gate], true);
                }
            }
            if (rowGradient != null) {
                sink.reduce(rowGradient, r, 1, rows.rowsPerUnit(), d);
            }
        }
    }

    /** λ = O·ψ into (lre, lim). */
    static void applyObservable(PauliObservable o, double[] pre, double[] pim, double[] lre, double[] lim) {
        Arrays.fill(lre, 0);
        Arrays.fill(lim, 0);
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
