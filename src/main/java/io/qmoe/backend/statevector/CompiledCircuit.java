package io.qmoe.backend.statevector;

import io.qmoe.backend.ParallelBatch;

import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.Monomial;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliString;

/**
 * A {@link ParametricCircuit} compiled once into flat primitive arrays for the state-vector kernels: per gate its kind,
 * qubits, and the polynomial of its angle (coefficients and factor indices into the input vector). Every parametric
 * gate is exp(−iφ·G) for a generator G = w · Π_C · P (a weight, a projector on control bits and a Pauli string), which
 * the adjoint method uses to differentiate. Immutable and thread-safe; the state buffers belong to the caller.
 */
public final class CompiledCircuit {
    /** GateKind.values() clones its array on every call; the kernels index this copy instead. */
    private static final GateKind[] KINDS = GateKind.values();

    private final ParametricCircuit circuit;
    private final int qubits;
    private final int[] kind;
    private final int[] q0;
    private final int[] q1;
    private final int[] termStart;
    private final double[] coefficient;
    private final int[] factorStart;
    private final int[] factor;
    /** Generator of each parametric gate: weight, control mask, Pauli x and z masks. */
    private final double[] genWeight;
    private final int[] genControl;
    private final int[] genX;
    private final int[] genZ;
    private final ForwardPlan plan;
    private final Kernel[] kernels;

    /** Compiles a circuit. */
    public CompiledCircuit(ParametricCircuit circuit) {
        this.circuit = circuit;
        this.qubits = circuit.qubitCount();
        int n = circuit.gates().size();
        kind = new int[n];
        q0 = new int[n];
        q1 = new int[n];
        termStart = new int[n + 1];
        genWeight = new double[n];
        genControl = new int[n];
        genX = new int[n];
        genZ = new int[n];
        int terms = 0;
        int factors = 0;
        for (Gate g : circuit.gates()) {
            terms += g.termCount();
            for (int t = 0; t < g.termCount(); t++) {
                factors += g.term(t).degree();
            }
        }
        coefficient = new double[terms];
        factorStart = new int[terms + 1];
        factor = new int[factors];
        int t = 0;
        int f = 0;
        for (int gi = 0; gi < n; gi++) {
            Gate g = circuit.gates().get(gi);
            kind[gi] = g.kind().ordinal();
            q0[gi] = g.qubit(0);
            q1[gi] = g.arity() > 1 ? g.qubit(1) : -1;
            termStart[gi] = t;
            for (int k = 0; k < g.termCount(); k++) {
                Monomial m = g.term(k);
                coefficient[t] = m.coefficient();
                factorStart[t] = f;
                for (int j = 0; j < m.degree(); j++) {
                    factor[f++] = m.factor(j);
                }
                t++;
            }
            setGenerator(gi, g.kind());
        }
        termStart[n] = t;
        factorStart[t] = f;
        kernels = new Kernel[n];
        for (int g = 0; g < n; g++) {
            kernels[g] = kernel(g);
        }
        plan = new ForwardPlan(this);
    }

    private void setGenerator(int gi, GateKind k) {
        GateTable.Entry e = GateTable.of(k);
        genWeight[gi] = e.weight();
        genControl[gi] = GateTable.bits(e.control(), q0[gi], q1[gi]);
        genX[gi] = GateTable.bits(e.x(), q0[gi], q1[gi]);
        genZ[gi] = GateTable.bits(e.z(), q0[gi], q1[gi]);
    }

    /** The source circuit. */
    public ParametricCircuit circuit() {
        return circuit;
    }

    /** Number of qubits. */
    public int qubitCount() {
        return qubits;
    }

    /** Number of gates. */
    public int gateCount() {
        return kind.length;
    }

    /** Kind of gate g. */
    GateKind kind(int g) {
        return KINDS[kind[g]];
    }

    /** First qubit of gate g. */
    int qubit0(int g) {
        return q0[g];
    }

    /** Second qubit of gate g, or −1 for a one-qubit gate. */
    int qubit1(int g) {
        return q1[g];
    }

    /** Weight w of the generator w·Π_C·P of parametric gate g. */
    double generatorWeight(int g) {
        return genWeight[g];
    }

    /** Control mask C of the generator of gate g. */
    int generatorControl(int g) {
        return genControl[g];
    }

    /** X mask of the Pauli string of the generator of gate g. */
    int generatorX(int g) {
        return genX[g];
    }

    /** Z mask of the Pauli string of the generator of gate g. */
    int generatorZ(int g) {
        return genZ[g];
    }

    /** Whether gate g has an angle. */
    boolean parametric(int g) {
        return termStart[g + 1] > termStart[g] || KINDS[kind[g]].parametric();
    }

    /** The angle of gate g for the input vector. */
    double angle(int g, double[] inputs) {
        double v = 0;
        for (int t = termStart[g]; t < termStart[g + 1]; t++) {
            double m = coefficient[t];
            for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                m *= inputs[factor[f]];
            }
            v += m;
        }
        return v;
    }

    /** ∂angle_g/∂input[index] at the input vector. */
    double angleDerivative(int g, double[] inputs, int index) {
        double total = 0;
        for (int t = termStart[g]; t < termStart[g + 1]; t++) {
            for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                if (factor[f] != index) {
                    continue;
                }
                double m = coefficient[t];
                for (int h = factorStart[t]; h < factorStart[t + 1]; h++) {
                    if (h != f) {
                        m *= inputs[factor[h]];
                    }
                }
                total += m;
            }
        }
        return total;
    }

    /** The trainable inputs (indices below {@code trainables}) that the angle of gate g depends on, ascending. */
    int[] trainableDependencies(int g, int trainables) {
        int[] deps = new int[trainables];
        int count = 0;
        for (int k = 0; k < trainables; k++) {
            if (dependsOn(g, k)) {
                deps[count++] = k;
            }
        }
        return java.util.Arrays.copyOf(deps, count);
    }

    /** For every gate, {@link #trainableDependencies(int, int)}. */
    int[][] trainableDependencies(int trainables) {
        int[][] deps = new int[kind.length][];
        for (int g = 0; g < kind.length; g++) {
            deps[g] = trainableDependencies(g, trainables);
        }
        return deps;
    }

    /** Whether the angle of gate g depends on input {@code index}. */
    boolean dependsOn(int g, int index) {
        for (int t = termStart[g]; t < termStart[g + 1]; t++) {
            for (int f = factorStart[t]; f < factorStart[t + 1]; f++) {
                if (factor[f] == index) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One worker's per-binding buffers: the input vector, cos and sin of every gate's (half) angle, the angle cache of
     * {@link #trig} and the fused matrices of the {@link ForwardPlan}. Not thread-safe: one per worker.
     */
    final class Workspace {
        final double[] inputs = new double[circuit.inputCount()];
        final double[] cos = new double[kind.length];
        final double[] sin = new double[kind.length];
        final double[] lastAngle = newAngleCache();
        final double[] fused = new double[plan().fusedLength()];

        /** Computes the angles' cos and sin and the fused matrices for the input vector in {@link #inputs}. */
        void bind() {
            trig(inputs, cos, sin, lastAngle);
            plan().fuse(cos, sin, fused);
        }
    }

    /** A new workspace for one worker. */
    Workspace newWorkspace() {
        return new Workspace();
    }

    /** The forward plan with fused one-qubit runs. */
    ForwardPlan plan() {
        return plan;
    }

    /** Sets the state to |0…0⟩ and applies every gate for the input vector. */
    public void run(double[] inputs, double[] re, double[] im) {
        Workspace w = newWorkspace();
        System.arraycopy(inputs, 0, w.inputs, 0, w.inputs.length);
        w.bind();
        run(re, im, w);
    }

    /** A per-worker cache for {@link #trig}: the last angle of every gate (NaN: none yet). */
    double[] newAngleCache() {
        double[] cache = new double[kind.length];
        java.util.Arrays.fill(cache, Double.NaN);
        return cache;
    }

    /** Runs the forward plan for the bound workspace, from |0…0⟩, on the caller's thread. */
    void run(double[] re, double[] im, Workspace w) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        re[0] = 1;
        for (int s = 0; s < plan.stepCount(); s++) {
            plan.step(s, re, im, w.cos, w.sin, w.fused, 0, 1);
        }
    }

    /**
     * The same forward plan with every step split over the workers of {@code parallel} (a barrier between steps):
     * for one large register. Bit-identical to {@link #run(double[], double[], Workspace)}.
     */
    void runSplit(double[] re, double[] im, Workspace w, ParallelBatch parallel) {
        parallel.runSteps(plan.stepCount() + 1, plan.barriers(parallel.threads()), (s, part, parts) -> {
            if (s == 0) {
                int from = StateKernels.share(re.length, part, parts);
                int to = StateKernels.share(re.length, part + 1, parts);
                java.util.Arrays.fill(re, from, to, 0);
                java.util.Arrays.fill(im, from, to, 0);
                if (from == 0 && to > 0) {
                    re[0] = 1;
                }
            } else {
                plan.step(s - 1, re, im, w.cos, w.sin, w.fused, part, parts);
            }
        });
    }

    /** Applies every gate one by one (no fusion), from |0…0⟩: the reference the fused plan is tested against. */
    void runUnfused(double[] re, double[] im, Workspace w) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        re[0] = 1;
        for (int g = 0; g < kind.length; g++) {
            apply(g, re, im, w.cos[g], w.sin[g], false);
        }
    }

    /**
     * For each parametric gate, cos and sin of the angle its kernel needs, |w|·φ for the generator weight w: φ for p
     * and cp, φ/2 for the rotations.
     * Computed once per binding and shared by the forward pass and the adjoint sweep. A gate whose angle equals the
     * one in {@code lastAngle} (the previous binding of the same worker) keeps its cos and sin: in a mixture's batch
     * the rows of one expert are consecutive, so gates that depend on θ only are evaluated once per expert, not once
     * per data point. The values are the same either way.
     */
    void trig(double[] inputs, double[] cos, double[] sin, double[] lastAngle) {
        for (int g = 0; g < kind.length; g++) {
            if (termStart[g + 1] == termStart[g] && !KINDS[kind[g]].parametric()) {
                continue;
            }
            double phi = angle(g, inputs);
            if (Double.doubleToRawLongBits(phi) == Double.doubleToRawLongBits(lastAngle[g])) {
                continue;
            }
            lastAngle[g] = phi;
            SineCosine.of(Math.abs(genWeight[g]) * phi, cos, sin, g);
        }
    }

    /**
     * Applies gates {@code from} (inclusive) to {@code to} (exclusive) to the state (re, im) in place, for the input
     * vector; the state is not reset. Gate by gate without fusion: from |0…0⟩, running [0, g) and then [g, n) gives
     * the unfused state, bit for bit, and {@link #run(double[], double[], double[])}'s to rounding. For callers that
     * need the states between gates (a Strange {@code Result} records one per step).
     */
    public void apply(double[] inputs, double[] re, double[] im, int from, int to) {
        Workspace w = newWorkspace();
        System.arraycopy(inputs, 0, w.inputs, 0, w.inputs.length);
        w.bind();
        for (int g = from; g < to; g++) {
            apply(g, re, im, w.cos[g], w.sin[g], false);
        }
    }

    /** One gate's kernel call, chosen once per gate when the circuit is compiled. */
    @FunctionalInterface
    interface Kernel {
        /** Share {@code part} of {@code parts} of the gate, given c and s (already negated for the inverse). */
        void apply(double[] re, double[] im, double c, double s, boolean inverse, int part, int parts);
    }

    /**
     * Applies gate g given cos and sin of its (half) angle, or its inverse (angle negated: the sine changes sign). The
     * kernel was chosen by the gate's {@link GateTable} family when the circuit was compiled; the call goes through
     * one {@link Kernel} object per gate, so each kernel loop is compiled by the JIT on its own (inlined into one large
     * dispatch method, the loops compile worse).
     */
    void apply(int g, double[] re, double[] im, double c, double sPositive, boolean inverse) {
        kernels[g].apply(re, im, c, inverse ? -sPositive : sPositive, inverse, 0, 1);
    }

    /** Share {@code part} of {@code parts} of {@link #apply(int, double[], double[], double, double, boolean)}. */
    void apply(int g, double[] re, double[] im, double c, double sPositive, boolean inverse, int part, int parts) {
        kernels[g].apply(re, im, c, inverse ? -sPositive : sPositive, inverse, part, parts);
    }

    /** The kernel of gate g, from its {@link GateTable} family. */
    private Kernel kernel(int g) {
        GateTable.Entry e = GateTable.of(kind[g]);
        int a = q0[g];
        int b = q1[g];
        double[] m = e.matrix();
        double[] mi = e.inverse();
        switch (e.family()) {
            case IDENTITY -> {
                return (re, im, c, s, inverse, part, parts) -> { };
            }
            case PERMUTATION -> {
                if (b < 0) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.flip(re, im, a, part, parts);
                }
                if (e.controlled()) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.cnot(re, im, a, b, part, parts);
                }
                return (re, im, c, s, inverse, part, parts) -> StateKernels.swap(re, im, a, b, part, parts);
            }
            case DIAGONAL -> {
                if (e.controlled()) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.phaseOnBoth(re, im, a, b,
                            (inverse ? mi : m)[6], (inverse ? mi : m)[7], part, parts);
                }
                return (re, im, c, s, inverse, part, parts) -> {
                    double[] d = inverse ? mi : m;
                    StateKernels.diagonal1(re, im, a, d[0], d[1], d[6], d[7], part, parts);
                };
            }
            case DENSE -> {
                if (e.controlled()) {
                    return (re, im, c, s, inverse, part, parts) -> {
                        double[] d = inverse ? mi : m;
                        StateKernels.applyControlled1(re, im, a, b, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                                part, parts);
                    };
                }
                return (re, im, c, s, inverse, part, parts) -> {
                    double[] d = inverse ? mi : m;
                    StateKernels.apply1(re, im, a, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], part, parts);
                };
            }
            default -> {
                return rotation(g, e);
            }
        }
    }

    /** The kernel of exp(−iφ·w·Π_C·P) given c = cos(|w|φ) and s = sin(|w|φ) (negated for the inverse). */
    private Kernel rotation(int g, GateTable.Entry e) {
        int a = q0[g];
        int b = q1[g];
        int control = genControl[g];
        int z = genZ[g];
        switch (e.rotation()) {
            case REAL -> {
                if (control != 0) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.applyControlled1(re, im, a, b, c, 0, -s,
                            0, s, 0, c, 0, part, parts);
                }
                return (re, im, c, s, inverse, part, parts) -> StateKernels.rotateReal(re, im, a, c, s, part, parts);
            }
            case IMAGINARY -> {
                if (control != 0) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.applyControlled1(re, im, a, b, c, 0, 0,
                            -s, 0, -s, c, 0, part, parts);
                }
                if (b >= 0) {
                    boolean yy = z != 0;
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.xxOrYy(re, im, a, b, c, s, yy, part,
                            parts);
                }
                return (re, im, c, s, inverse, part, parts) -> StateKernels.rotateX(re, im, a, c, s, part, parts);
            }
            default -> {
                // diagonal: e^{−iφw} on the control subspace (w = −1: p, cp), or e^{∓iφ/2} by the Z parity (rz, rzz,
                // and crz on its control subspace)
                if (z == 0) {
                    if (b < 0) {
                        return (re, im, c, s, inverse, part, parts) -> StateKernels.diagonal1(re, im, a, 1, 0, c, s,
                                part, parts);
                    }
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.phaseOnBoth(re, im, a, b, c, s, part,
                            parts);
                }
                if (control != 0) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.applyControlled1(re, im, a, b, c, -s, 0,
                            0, 0, 0, c, s, part, parts);
                }
                if (b >= 0) {
                    return (re, im, c, s, inverse, part, parts) -> StateKernels.zz(re, im, a, b, c, s, part, parts);
                }
                return (re, im, c, s, inverse, part, parts) -> StateKernels.diagonal1(re, im, a, c, -s, c, s, part,
                        parts);
            }
        }
    }

    /**
     * Im⟨λ|G_g|ψ⟩ for the generator of parametric gate g (U = exp(−iφG)); then ∂⟨ψ|U†OU|ψ⟩/∂φ restricted to this
     * gate is 2·Im⟨λ|G|ψ⟩ where ψ is the state after the gate and λ the back-propagated O·ψ_final.
     */
    double generatorImagOverlap(int g, double[] lre, double[] lim, double[] pre, double[] pim) {
        switch (KINDS[kind[g]]) {
            case RX -> {
                return 0.5 * StateKernels.imagOverlapX(lre, lim, pre, pim, q0[g]);
            }
            case RY -> {
                return 0.5 * StateKernels.imagOverlapY(lre, lim, pre, pim, q0[g]);
            }
            case RZ -> {
                return 0.5 * StateKernels.imagOverlapZ(lre, lim, pre, pim, q0[g]);
            }
            default -> {
                return generalImagOverlap(g, lre, lim, pre, pim);
            }
        }
    }

    /** Im⟨λ|G|ψ⟩ for any generator w·Π_C·P: Σ over i with the control bits set of conj(λ_i)·(P ψ)_i. */
    private double generalImagOverlap(int g, double[] lre, double[] lim, double[] pre, double[] pim) {
        int control = genControl[g];
        int x = genX[g];
        int z = genZ[g];
        double sumIm = 0;
        int dim = lre.length;
        for (int i = 0; i < dim; i++) {
            if ((i & control) != control) {
                continue;
            }
            // (Pψ)_i = i^{k(j)} ψ_j with j = i ⊕ x
            int j = i ^ x;
            int k = PauliString.phaseExponent(x, z, j);
            double fr = PauliString.phaseReal(k);
            double fi = PauliString.phaseImaginary(k);
            double pr = fr * pre[j] - fi * pim[j];
            double pi = fr * pim[j] + fi * pre[j];
            // Im(conj(λ_i) · (Pψ)_i)
            sumIm += lre[i] * pi - lim[i] * pr;
        }
        return genWeight[g] * sumIm;
    }
}
