package io.qmoe.backend.statevector;

import io.qmoe.backend.GridEvaluation;

import io.qmoe.backend.ValuesAndGradients;

import io.qmoe.backend.Differentiable;

import io.qmoe.backend.StateSimulator;

import io.qmoe.backend.ParallelBatch;

import io.qmoe.backend.Estimates;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.Optional;

/**
 * The fast exact backend: a double-precision state-vector simulation with in-place kernels ({@link CompiledCircuit}),
 * evaluating a batch of bindings in parallel with one pair of state buffers per worker. Results are bit-identical
 * whatever the thread count. Practical up to about 24 qubits (2^n doubles ×2 per worker). It differentiates its own
 * circuits by the adjoint method ({@link #differentiation()}) and evaluates a mixture's expert × data grid from flat
 * arrays ({@link #gridEvaluation()}). Compiled programs are cached per circuit (a small bounded cache), so repeated
 * calls on the same circuit compile it once. Owns its worker threads until {@link #close()}.
 */
public final class StateVectorEstimator implements StateSimulator, Differentiable, GridEvaluation {
    private final ParallelBatch parallel;
    private final ProgramCache<CompiledCircuit> compiledCircuits = new ProgramCache<>();
    private final ProgramCache<LaneProgram> lanePrograms = new ProgramCache<>();
    private final ProgramCache<LaneObservable> laneObservables = new ProgramCache<>();
    private final ProgramCache<Optional<BlochProgram>> blochPrograms = new ProgramCache<>();
    /** Whether one-qubit circuits of the form trainable · data · trainable take {@link BlochProgram}. */
    private final boolean blochForm;

    /** An estimator using all available processors. */
    public StateVectorEstimator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** An estimator using {@code threads} workers. */
    public StateVectorEstimator(int threads) {
        this(threads, true);
    }

    /**
     * An estimator using {@code threads} workers that, with {@code blochForm} false, runs every circuit through the
     * lane or full-state kernels (the reference the Bloch form is tested against).
     */
    StateVectorEstimator(int threads, boolean blochForm) {
        this.parallel = new ParallelBatch(threads);
        this.blochForm = blochForm;
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
        ValuesAndGradients vg = AdjointDifferentiator.evaluate(this, circuit, observable, bindings);
        circuit.requireFinite(bindings, vg.values());
        return vg;
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

    /**
     * Several observables on the same bindings, through the same kernels as {@link #estimate} (so each equals a single
     * call bit for bit): on small registers one lane pass per observable, on large ones one shared simulation.
     */
    @Override
    public Estimates[] estimateAll(ParametricCircuit circuit, PauliObservable[] observables, double[][] bindings) {
        if (!LaneProgram.suits(circuit)) {
            return StateSimulator.super.estimateAll(circuit, observables, bindings);
        }
        Estimates[] out = new Estimates[observables.length];
        for (int j = 0; j < observables.length; j++) {
            out[j] = estimate(circuit, observables[j], bindings);
        }
        return out;
    }

    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        check(circuit, observable, bindings);
        double[] out = new double[bindings.length];
        values(circuit, observable, InputRows.of(bindings), out, 0);
        circuit.requireFinite(bindings, out);
        return Estimates.exact(out);
    }

    @Override
    public Optional<GridEvaluation> gridEvaluation() {
        return Optional.of(this);
    }

    @Override
    public void gridValues(ParametricCircuit circuit, PauliObservable observable, double[] angles, int from, int to,
                           double[] features, int points, double[] out, int offset) {
        checkGrid(circuit, observable);
        values(circuit, observable, InputRows.grid(circuit, angles, from, to, features, points), out, offset);
        int rows = (to - from) * points;
        for (int r = 0; r < rows; r++) {
            if (!Double.isFinite(out[offset + r])) {
                // explain the first non-finite value through its binding (expert from + r / M, point r % M)
                int d = circuit.trainableCount();
                int k = circuit.dataCount();
                double[] binding = new double[d + k];
                System.arraycopy(angles, (from + r / points) * d, binding, 0, d);
                System.arraycopy(features, (r % points) * k, binding, d, k);
                String why = circuit.nonFiniteAngle(binding);
                throw new IllegalArgumentException("expert " + (from + r / points) + " at data point " + (r % points)
                        + " gives a non-finite value" + (why == null ? "" : ": " + why));
            }
        }
    }

    @Override
    public ValuesAndGradients gridValuesAndGradients(ParametricCircuit circuit, PauliObservable observable,
                                                     double[] angles, int from, int to, double[] features,
                                                     int points) {
        checkGrid(circuit, observable);
        ValuesAndGradients vg = AdjointDifferentiator.evaluate(this, circuit, observable,
                InputRows.grid(circuit, angles, from, to, features, points));
        for (double v : vg.values()) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a non-finite value on the expert x data grid (an angle of the "
                        + "circuit overflows for these inputs)");
            }
        }
        return vg;
    }

    @Override
    public void weightedGradients(ParametricCircuit circuit, PauliObservable observable, double[] angles, int from,
                                  int to, double[] features, double[] weights, double[] out, int offset) {
        checkGrid(circuit, observable);
        AdjointDifferentiator.weighted(this, circuit, observable,
                InputRows.grid(circuit, angles, from, to, features, weights.length), weights, out, offset);
    }

    /** ⟨O⟩ of every row into out[offset + r], in lanes for small registers, else one binding at a time. */
    private void values(ParametricCircuit circuit, PauliObservable observable, InputRows rows, double[] out,
                        int offset) {
        Optional<BlochProgram> bloch = blochProgram(circuit);
        if (bloch.isPresent()) {
            bloch.get().values(parallel, observable, rows, out, offset);
            return;
        }
        if (!LaneProgram.suits(circuit)) {
            forEachFinalState(circuit, rows, (r, re, im) -> out[offset + r] = observable.expectation(re, im));
            return;
        }
        LaneProgram program = laneProgram(circuit, rows.size());
        LaneObservable compiledObservable = laneObservable(observable, program.dim);
        int perUnit = rows.rowsPerUnit();
        LaneProgram.PointTrig pointTrig = program.pointTrig(rows);
        parallel.run(rows.size() / perUnit, (long) perUnit * program.dim * (circuit.gates().size() + 1),
                (fromUnit, toUnit) -> {
                    LaneSimulation sim = program.borrow();
                    try {
                        if (expertMajor(rows, program)) {
                            InputRows.Grid grid = (InputRows.Grid) rows;
                            for (int e = fromUnit; e < toUnit; e += program.lanes) {
                                int count = Math.min(program.lanes, toUnit - e);
                                sim.bindExperts(grid, grid.from + e, count);
                                for (int a = 0; a < perUnit; a++) {
                                    sim.bindPoint(grid, pointTrig, a);
                                    sim.forward();
                                    sim.expectation(compiledObservable, sim.groupValues, 0, count);
                                    for (int l = 0; l < count; l++) {
                                        out[offset + (e + l) * perUnit + a] = sim.groupValues[l];
                                    }
                                }
                            }
                            return;
                        }
                        int to = toUnit * perUnit;
                        for (int r = fromUnit * perUnit; r < to; r += program.lanes) {
                            int count = Math.min(program.lanes, to - r);
                            sim.bind(rows, pointTrig, r, count);
                            sim.forward();
                            sim.expectation(compiledObservable, out, offset + r, count);
                        }
                    } finally {
                        program.giveBack(sim);
                    }
                });
    }

    /**
     * Whether a lane pass over {@code rows} runs expert-major: a grid with at least as many experts as lanes, whose
     * lanes then hold consecutive experts at one data point (the trig of trainable angles is paid once per expert, not
     * once per row). Each lane's arithmetic is the same either way, so the choice changes no bit.
     */
    static boolean expertMajor(InputRows rows, LaneProgram program) {
        return rows instanceof InputRows.Grid grid && grid.to - grid.from >= program.lanes;
    }

    /** Runs every binding in parallel with per-worker buffers and hands each final state to {@code consumer}. */
    @Override
    public void forEachFinalState(ParametricCircuit circuit, double[][] bindings, StateConsumer consumer) {
        forEachFinalState(circuit, InputRows.of(bindings), consumer);
    }

    /**
     * How the one-binding kernels run in this JVM: "Vector API, 4 doubles per vector" (started with
     * {@code --add-modules jdk.incubator.vector}) or "scalar loops" (the same bits, slower). With the Vector API this
     * first waits until its kernels are JIT-compiled (a second or two), so a benchmark measures compiled code.
     */
    public static String kernelPath() {
        Simd.awaitWarm();
        return Simd.describe();
    }

    /**
     * Registers of at least this many qubits, in batches with fewer rows than workers, have every gate split over the
     * workers ({@link CompiledCircuit#runSplit}) instead of one row per worker.
     */
    static final int SPLIT_QUBITS = 16;

    private void forEachFinalState(ParametricCircuit circuit, InputRows rows, StateConsumer consumer) {
        CompiledCircuit compiled = compiled(circuit);
        int dim = 1 << circuit.qubitCount();
        int perUnit = rows.rowsPerUnit();
        if (circuit.qubitCount() >= SPLIT_QUBITS && rows.size() < parallel.threads()) {
            double[] re = new double[dim];
            double[] im = new double[dim];
            CompiledCircuit.Workspace w = compiled.newWorkspace();
            for (int r = 0; r < rows.size(); r++) {
                rows.copy(r, w.inputs);
                w.bind();
                compiled.runSplit(re, im, w, parallel);
                consumer.accept(r, re, im);
            }
            return;
        }
        parallel.run(rows.size() / perUnit, (long) perUnit * dim * (circuit.gates().size() + 1),
                (fromUnit, toUnit) -> {
                    double[] re = new double[dim];
                    double[] im = new double[dim];
                    CompiledCircuit.Workspace w = compiled.newWorkspace();
                    for (int r = fromUnit * perUnit; r < toUnit * perUnit; r++) {
                        rows.copy(r, w.inputs);
                        w.bind();
                        compiled.run(re, im, w);
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
        compiled(circuit).run(binding, re, im);
        return new double[][] {re, im};
    }

    /** The compiled circuit, from the cache. */
    CompiledCircuit compiled(ParametricCircuit circuit) {
        return compiledCircuits.get(circuit, 0, () -> new CompiledCircuit(circuit));
    }

    /** The Bloch form of a one-qubit circuit, when it has one ({@link BlochProgram#of}) and this engine uses it. */
    Optional<BlochProgram> blochProgram(ParametricCircuit circuit) {
        if (!blochForm || circuit.qubitCount() != 1) {
            return Optional.empty();
        }
        return blochPrograms.get(circuit, 0, () -> BlochProgram.of(compiled(circuit)));
    }

    /** The lane program for a batch of {@code rows} bindings, from the cache. */
    LaneProgram laneProgram(ParametricCircuit circuit, int rows) {
        int lanes = LaneProgram.laneCount(circuit, rows);
        return lanePrograms.get(circuit, lanes, () -> new LaneProgram(compiled(circuit), lanes));
    }

    /** The lane form of an observable on {@code dim} amplitudes, from the cache. */
    LaneObservable laneObservable(PauliObservable observable, int dim) {
        return laneObservables.get(observable, dim, () -> new LaneObservable(observable, dim));
    }

    private static void checkGrid(ParametricCircuit circuit, PauliObservable observable) {
        check(circuit, observable, new double[0][]);
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
