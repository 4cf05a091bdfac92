package io.qmoe.backend;

import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.Monomial;
import io.qmoe.circuit.ParametricCircuit;

/**
 * A {@link ParametricCircuit} compiled once into flat primitive arrays for the state-vector kernels: per gate its kind,
 * qubits, and the polynomial of its angle (coefficients and factor indices into the input vector). Every parametric
 * gate is exp(−iφ·G) for a generator G = w · Π_C · P (a weight, a projector on control bits and a Pauli string), which
 * the adjoint method uses to differentiate. Immutable and thread-safe; the state buffers belong to the caller.
 */
public final class CompiledCircuit {
    private static final double INV_SQRT2 = Math.sqrt(0.5);
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
    }

    private void setGenerator(int gi, GateKind k) {
        int a = 1 << q0[gi];
        int b = q1[gi] >= 0 ? 1 << q1[gi] : 0;
        double half = 0.5;
        switch (k) {
            case RX -> gen(gi, half, 0, a, 0);
            case RY -> gen(gi, half, 0, a, a);
            case RZ -> gen(gi, half, 0, 0, a);
            case P -> gen(gi, -1, a, 0, 0);
            case CP -> gen(gi, -1, a | b, 0, 0);
            case CRX -> gen(gi, half, a, b, 0);
            case CRY -> gen(gi, half, a, b, b);
            case CRZ -> gen(gi, half, a, 0, b);
            case RXX -> gen(gi, half, 0, a | b, 0);
            case RYY -> gen(gi, half, 0, a | b, a | b);
            case RZZ -> gen(gi, half, 0, 0, a | b);
            default -> { }
        }
    }

    private void gen(int gi, double w, int control, int x, int z) {
        genWeight[gi] = w;
        genControl[gi] = control;
        genX[gi] = x;
        genZ[gi] = z;
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

    /** Sets the state to |0…0⟩ and applies every gate for the input vector. */
    public void run(double[] inputs, double[] re, double[] im) {
        double[] cos = new double[kind.length];
        double[] sin = new double[kind.length];
        trig(inputs, cos, sin, newAngleCache());
        run(re, im, cos, sin);
    }

    /** A per-worker cache for {@link #trig}: the last angle of every gate (NaN: none yet). */
    double[] newAngleCache() {
        double[] cache = new double[kind.length];
        java.util.Arrays.fill(cache, Double.NaN);
        return cache;
    }

    /** Applies every gate with precomputed {@link #trig} values, from |0…0⟩. */
    void run(double[] re, double[] im, double[] cos, double[] sin) {
        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        re[0] = 1;
        for (int g = 0; g < kind.length; g++) {
            apply(g, re, im, cos[g], sin[g], false);
        }
    }

    /**
     * For each parametric gate, cos and sin of the angle its kernel needs: φ for p and cp, φ/2 for the rotations.
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
            GateKind k = KINDS[kind[g]];
            double phi = angle(g, inputs);
            if (Double.doubleToRawLongBits(phi) == Double.doubleToRawLongBits(lastAngle[g])) {
                continue;
            }
            lastAngle[g] = phi;
            SineCosine.of(kernelAngle(k, phi), cos, sin, g);
        }
    }

    /** The angle whose cos and sin gate kernels take: φ for p and cp, φ/2 for the rotations. */
    private static double kernelAngle(GateKind k, double phi) {
        return k == GateKind.P || k == GateKind.CP ? phi : phi / 2;
    }

    /**
     * Applies gates {@code from} (inclusive) to {@code to} (exclusive) to the state (re, im) in place, for the input
     * vector; the state is not reset. From |0…0⟩, running [0, g) and then [g, n) gives the state of
     * {@link #run(double[], double[], double[])}, bit for bit. For callers that need the states between gates (a
     * Strange {@code Result} records one per step).
     */
    public void apply(double[] inputs, double[] re, double[] im, int from, int to) {
        double[] c = new double[1];
        double[] s = new double[1];
        for (int g = from; g < to; g++) {
            GateKind k = KINDS[kind[g]];
            if (k.parametric()) {
                SineCosine.of(kernelAngle(k, angle(g, inputs)), c, s, 0);
            } else {
                c[0] = 0;
                s[0] = 0;
            }
            apply(g, re, im, c[0], s[0], false);
        }
    }

    /**
     * Applies gate g given cos and sin of its (half) angle, or its inverse (angle negated: the sine changes sign).
     */
    void apply(int g, double[] re, double[] im, double c, double sPositive, boolean inverse) {
        double s = inverse ? -sPositive : sPositive;
        int a = q0[g];
        int b = q1[g];
        double sgn = inverse ? -1 : 1;
        switch (KINDS[kind[g]]) {
            case ID -> { }
            case H -> StateKernels.apply1(re, im, a, INV_SQRT2, 0, INV_SQRT2, 0, INV_SQRT2, 0, -INV_SQRT2, 0);
            case X -> StateKernels.flip(re, im, a);
            case Y -> StateKernels.apply1(re, im, a, 0, 0, 0, -1, 0, 1, 0, 0);
            case Z -> StateKernels.diagonal1(re, im, a, 1, 0, -1, 0);
            case S -> StateKernels.diagonal1(re, im, a, 1, 0, 0, sgn);
            case SDG -> StateKernels.diagonal1(re, im, a, 1, 0, 0, -sgn);
            case T -> StateKernels.diagonal1(re, im, a, 1, 0, INV_SQRT2, sgn * INV_SQRT2);
            case TDG -> StateKernels.diagonal1(re, im, a, 1, 0, INV_SQRT2, -sgn * INV_SQRT2);
            case SX -> sqrtX(re, im, a, sgn);
            case SXDG -> sqrtX(re, im, a, -sgn);
            case RX -> StateKernels.rotateX(re, im, a, c, s);
            case RY -> StateKernels.rotateReal(re, im, a, c, s);
            case RZ -> StateKernels.diagonal1(re, im, a, c, -s, c, s);
            case P -> StateKernels.diagonal1(re, im, a, 1, 0, c, s);
            case CX -> StateKernels.cnot(re, im, a, b);
            case CY -> StateKernels.applyControlled1(re, im, a, b, 0, 0, 0, -1, 0, 1, 0, 0);
            case CZ -> StateKernels.cz(re, im, a, b);
            case SWAP -> StateKernels.swap(re, im, a, b);
            case CRX -> StateKernels.applyControlled1(re, im, a, b, c, 0, 0, -s, 0, -s, c, 0);
            case CRY -> StateKernels.applyControlled1(re, im, a, b, c, 0, -s, 0, s, 0, c, 0);
            case CRZ -> StateKernels.applyControlled1(re, im, a, b, c, -s, 0, 0, 0, 0, c, s);
            case CP -> StateKernels.phaseOnBoth(re, im, a, b, c, s);
            case RXX -> StateKernels.xxOrYy(re, im, a, b, c, s, false);
            case RYY -> StateKernels.xxOrYy(re, im, a, b, c, s, true);
            case RZZ -> StateKernels.zz(re, im, a, b, c, s);
            default -> throw new IllegalStateException("no kernel for " + KINDS[kind[g]]);
        }
    }

    /** sqrt(X) = ½[[1+i, 1−i], [1−i, 1+i]] (sign = 1) or its inverse, the complex conjugate (sign = −1). */
    private static void sqrtX(double[] re, double[] im, int q, double sign) {
        StateKernels.apply1(re, im, q, 0.5, 0.5 * sign, 0.5, -0.5 * sign, 0.5, -0.5 * sign, 0.5, 0.5 * sign);
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

    /** Im⟨λ|G|ψ⟩ for any generator w · Π_C · P (one pass with the Pauli's phase per amplitude). */
    private double generalImagOverlap(int g, double[] lre, double[] lim, double[] pre, double[] pim) {
        int control = genControl[g];
        int x = genX[g];
        int z = genZ[g];
        int ys = Integer.bitCount(x & z) & 3;
        double sumRe = 0;
        double sumIm = 0;
        int dim = lre.length;
        for (int i = 0; i < dim; i++) {
            if ((i & control) != control) {
                continue;
            }
            int j = i ^ x;
            double pr = pre[j];
            double pi = pim[j];
            if ((Integer.bitCount(j & z) & 1) != 0) {
                pr = -pr;
                pi = -pi;
            }
            // conj(λ_i) · ψ_j
            sumRe += lre[i] * pr + lim[i] * pi;
            sumIm += lre[i] * pi - lim[i] * pr;
        }
        // multiply by i^ys
        double r;
        double im;
        switch (ys) {
            case 0 -> {
                r = sumRe;
                im = sumIm;
            }
            case 1 -> {
                r = -sumIm;
                im = sumRe;
            }
            case 2 -> {
                r = -sumRe;
                im = -sumIm;
            }
            default -> {
                r = sumIm;
                im = -sumRe;
            }
        }
        return genWeight[g] * im;
    }
}
