package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.Optional;

/**
 * The fast exact backend: a double-precision state-vector simulation with in-place kernels ({@link CompiledCircuit}),
 * evaluating a batch of bindings in parallel with one pair of state buffers per worker. Results are bit-identical
 * whatever the thread count. Practical up to about 24 qubits (2^n doubles ×2 per worker). It differentiates its own
 * circuits by the adjoint method ({@link #differentiation()}). Owns its worker threads until {@link #close()}.
 */
public final class StateVectorEstimator implements StateSimulator, Differentiable {
    private final ParallelBatch parallel;

    /** An estimator using all available processors. */
    public StateVectorEstimator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** An estimator using {@code threads} workers. */
    public StateVectorEstimator(int threads) {
        this.parallel = new ParallelBatch(threads);
    }

    /** The worker count. */
    public int threads() {
        return parallel.threads();
    }

    /** The parallel runner, shared with the adjoint gradient of the same backend. */
    ParallelBatch parallel() {
        return parallel;
    }

    @Override
    public Optional<Differentiable> differentiation() {
        return Optional.of(this);
    }

    @Override
    public String derivativeMethod() {
        return "adjoint";
    }

    /** Values and adjoint gradients of every binding, on this engine's workers. */
    @Override
    public ValuesAndGradients valuesAndGradients(ParametricCircuit circuit, PauliObservable observable,
                                                 double[][] bindings) {
        return AdjointDifferentiator.evaluate(this, circuit, observable, bindings);
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        parallel.close();
    }

    @Override
    public String name() {
        return "statevector";
    }

    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        check(circuit, observable, bindings);
        if (!LaneProgram.suits(circuit)) {
            return StateSimulator.super.estimate(circuit, observable, bindings);
        }
        LaneProgram program = new LaneProgram(circuit, bindings.length);
        LaneObservable compiledObservable = new LaneObservable(observable, program.dim);
        double[] out = new double[bindings.length];
        parallel.run(bindings.length, (long) program.dim * (circuit.gates().size() + 1), (from, to) -> {
            LaneSimulation sim = new LaneSimulation(program);
            for (int r = from; r < to; r += program.lanes) {
                int count = Math.min(program.lanes, to - r);
                sim.bind(bindings, r, count);
                sim.forward();
                sim.expectation(compiledObservable, out, r, count);
            }
        });
        return Estimates.exact(out);
    }

    /** Runs every binding in parallel with per-worker buffers and hands each final state to {@code consumer}. */
    @Override
    public void forEachFinalState(ParametricCircuit circuit, double[][] bindings, StateConsumer consumer) {
        CompiledCircuit compiled = new CompiledCircuit(circuit);
        int dim = 1 << circuit.qubitCount();
        parallel.run(bindings.length, (long) dim * (circuit.gates().size() + 1), (from, to) -> {
            double[] re = new double[dim];
            double[] im = new double[dim];
            double[] cos = new double[compiled.gateCount()];
            double[] sin = new double[compiled.gateCount()];
            double[] lastAngle = compiled.newAngleCache();
            for (int r = from; r < to; r++) {
                compiled.trig(bindings[r], cos, sin, lastAngle);
                compiled.run(re, im, cos, sin);
                consumer.accept(r, re, im);
            }
        });
    }

    /** The final state for one binding, as {re, im} (for tests and interop). */
    public double[][] state(ParametricCircuit circuit, double[] binding) {
        circuit.checkBindings(new double[][] {binding});
        int dim = 1 << circuit.qubitCount();
        double[] re = new double[dim];
        double[] im = new double[dim];
        new CompiledCircuit(circuit).run(binding, re, im);
        return new double[][] {re, im};
    }

    static void check(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        if (circuit.qubitCount() > 26) {
            throw new IllegalArgumentException("the state-vector backend handles at most 26 qubits, the circuit has "
                    + circuit.qubitCount());
        }
        observable.requireQubits(circuit.qubitCount());
        circuit.checkBindings(bindings);
    }
}
