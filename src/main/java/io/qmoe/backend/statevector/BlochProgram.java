package io.qmoe.backend.statevector;

import io.qmoe.backend.ParallelBatch;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One-qubit circuits of the form P(θ) · D(x) · S(θ) in Bloch form: a prefix P of gates whose angles read trainables
 * only (or nothing), a middle D whose angles read data only (or nothing), a suffix S that reads trainables only again
 * (the 1-qubit data re-uploading expert ry(t0) rx(x0) ry(t1) is one). With ρ = P|0⟩⟨0|P† = (I + r·σ)/2, the Heisenberg
 * observable Q = S† O S = q0·I + q·σ and R(x) the SO(3) rotation of D(x) (R_jk = ½ tr(σ_j D σ_k D†)),
 * <pre>
 *   f(θ, x) = q0(θ) + q(θ) · R(x) r(θ),     ∂f/∂θ_j = ∂_j q0 + ∂_j q · (R r) + (Rᵀ q) · ∂_j r,
 * </pre>
 * so an expert costs its prefix and suffix once (r, q and their θ-derivatives) and each (expert, point) pair 12
 * (value) or 33 (value and d = 2 gradients) multiply-adds, computed for a block of experts side by side in plain
 * array loops the JIT vectorises. Explicit rows take the same arithmetic one row at a time, so grid and rows give the
 * same bits, and each row's numbers depend only on that row (not on threads, blocks or batch size). The data-weighted
 * gradient sums of a mixture's velocity are one contraction per expert, Σ_a w_a ∇f = W ∇q0 + ∇q · (L r) + q · (L ∇r)
 * with L = Σ_a w_a R(x_a), W = Σ_a w_a: O(1) per expert instead of O(M), equal to the sum of the per-row gradients to
 * rounding (not bit for bit).
 *
 * <p>Gates are read from the {@link CompiledCircuit} kernels themselves: each gate's 2×2 matrix is affine in
 * (c, s) = (cos|w|φ, sin|w|φ), U = A + c·B + s·C (probed once here and checked), so dU/dφ = |w|(c·C − s·B). A
 * segment of one gate (as in reupload-1q) makes r, or q, a quadratic form in (c, s) whose six coefficient vectors are
 * computed once (per call for q, which depends on the observable); longer segments multiply 2×2 matrices gate by gate.
 * Immutable and thread-safe; per-worker scratch comes from a pool.
 */
final class BlochProgram {
    /** Experts evaluated side by side. */
    static final int BLOCK = 64;

    private static final int PREFIX = 0;
    private static final int MIDDLE = 1;
    private static final int SUFFIX = 2;

    final CompiledCircuit compiled;
    private final int d;
    private final int inputs;
    /** Gate indices of the three segments, in circuit order. */
    private final int[] prefix;
    private final int[] middle;
    private final int[] suffix;
    /** Per gate: A, B, C (8 doubles each, 2×2 complex row-major (re, im) pairs), |w|, and whether it has an angle. */
    private final double[][] a;
    private final double[][] b;
    private final double[][] c;
    private final double[] weight;
    private final boolean[] angled;
    /** Per gate: the trainables its angle reads. */
    private final int[][] deps;
    /** Per gate: when its angle is scale·input (one linear term), the input's index and the scale; else −1. */
    private final int[] linearInput;
    private final double[] linearScale;
    /**
     * For a one-gate prefix: r(c, s) = K0 + c²K1 + s²K2 + c·K3 + s·K4 + cs·K5 (six 3-vectors, flat), since ψ is affine
     * in (c, s) and r quadratic in ψ; else null (2×2 products gate by gate).
     */
    private final double[] prefixForm;
    private final ConcurrentLinkedQueue<Workspace> idle = new ConcurrentLinkedQueue<>();

    private BlochProgram(CompiledCircuit compiled, int[] prefix, int[] middle, int[] suffix) {
        this.compiled = compiled;
        this.d = compiled.circuit().trainableCount();
        this.inputs = compiled.circuit().inputCount();
        this.prefix = prefix;
        this.middle = middle;
        this.suffix = suffix;
        int gates = compiled.gateCount();
        a = new double[gates][];
        b = new double[gates][];
        c = new double[gates][];
        weight = new double[gates];
        angled = new boolean[gates];
        deps = compiled.trainableDependencies(d);
        linearInput = new int[gates];
        linearScale = new double[gates];
        for (int g = 0; g < gates; g++) {
            angled[g] = compiled.parametric(g);
            linearInput[g] = -1;
            io.qmoe.circuit.AngleExpression angle = compiled.circuit().gates().get(g).angle();
            java.util.Map<java.util.List<String>, Double> terms = angle == null ? java.util.Map.of() : angle.terms();
            if (terms.size() == 1) {
                java.util.Map.Entry<java.util.List<String>, Double> term = terms.entrySet().iterator().next();
                if (term.getKey().size() == 1) {
                    linearInput[g] = compiled.circuit().inputIndex(term.getKey().get(0));
                    linearScale[g] = term.getValue();
                }
            }
            weight[g] = Math.abs(compiled.generatorWeight(g));
            a[g] = probe(g, 0, 0);
            double[] u1 = probe(g, 1, 0);
            double[] u2 = probe(g, 0, 1);
            b[g] = new double[8];
            c[g] = new double[8];
            for (int k = 0; k < 8; k++) {
                b[g][k] = u1[k] - a[g][k];
                c[g][k] = u2[k] - a[g][k];
            }
        }
        prefixForm = prefix.length == 1 ? prefixForm(prefix[0]) : null;
    }

    /**
     * The Bloch form of a compiled circuit, when it has one qubit, every gate's matrix is affine in (c, s) and its gates
     * split into trainable-only, data-only, trainable-only segments (gates with no input fit anywhere); else empty.
     */
    static Optional<BlochProgram> of(CompiledCircuit compiled) {
        if (compiled.qubitCount() != 1) {
            return Optional.empty();
        }
        int d = compiled.circuit().trainableCount();
        int n = compiled.circuit().inputCount();
        int gates = compiled.gateCount();
        int[] segment = new int[gates];
        int current = PREFIX;
        for (int g = 0; g < gates; g++) {
            boolean trainable = false;
            boolean data = false;
            for (int j = 0; j < n; j++) {
                if (compiled.dependsOn(g, j)) {
                    trainable |= j < d;
                    data |= j >= d;
                }
            }
            if (trainable && data) {
                return Optional.empty();
            }
            if (data && current == PREFIX) {
                current = MIDDLE;
            } else if (trainable && current == MIDDLE) {
                current = SUFFIX;
            } else if (data && current == SUFFIX) {
                return Optional.empty();
            }
            segment[g] = current;
        }
        BlochProgram p = new BlochProgram(compiled, gatesOf(segment, PREFIX), gatesOf(segment, MIDDLE),
                gatesOf(segment, SUFFIX));
        return p.affine() ? Optional.of(p) : Optional.empty();
    }

    private static int[] gatesOf(int[] segment, int which) {
        return java.util.stream.IntStream.range(0, segment.length).filter(g -> segment[g] == which).toArray();
    }

    /** U(c, s) of gate g from its kernel on |0⟩ and |1⟩, row-major (re, im) pairs. */
    private double[] probe(int g, double cs, double sn) {
        double[] u = new double[8];
        for (int col = 0; col < 2; col++) {
            double[] re = new double[2];
            double[] im = new double[2];
            re[col] = 1;
            compiled.apply(g, re, im, cs, sn, false);
            u[2 * col] = re[0];
            u[2 * col + 1] = im[0];
            u[4 + 2 * col] = re[1];
            u[4 + 2 * col + 1] = im[1];
        }
        return u;
    }

    /** Whether every gate's kernel matrix is A + c·B + s·C (checked at one more point). */
    private boolean affine() {
        for (int g = 0; g < a.length; g++) {
            double[] u = probe(g, 0.6, 0.8);
            for (int k = 0; k < 8; k++) {
                if (Math.abs(u[k] - (a[g][k] + 0.6 * b[g][k] + 0.8 * c[g][k])) > 1e-15) {
                    return false;
                }
            }
        }
        return true;
    }

    /** K0…K5 of {@link #prefixForm} for the one gate g: the Bloch bilinear forms of its columns A|0⟩, B|0⟩, C|0⟩. */
    private double[] prefixForm(int g) {
        double[][] v = {column0(a[g]), column0(b[g]), column0(c[g])};
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        double[] k = new double[18];
        for (int p = 0; p < 6; p++) {
            double[] u = v[pairs[p][0]];
            double[] w = v[pairs[p][1]];
            double f = p < 3 ? 1 : 2;
            k[3 * p] = f * ((u[0] * w[2] + u[1] * w[3]) + (u[2] * w[0] + u[3] * w[1]));
            k[3 * p + 1] = f * ((u[0] * w[3] - u[1] * w[2]) - (u[2] * w[1] - u[3] * w[0]));
            k[3 * p + 2] = f * ((u[0] * w[0] + u[1] * w[1]) - (u[2] * w[2] + u[3] * w[3]));
        }
        return k;
    }

    private static double[] column0(double[] m) {
        return new double[] {m[0], m[1], m[4], m[5]};
    }

    /**
     * For a one-gate suffix V = A + cB + sC: Q(c, s) = V† O V = K0 + c²K1 + s²K2 + c·K3 + s·K4 + cs·K5 as six Bloch
     * 4-vectors (q0, qx, qy, qz), flat; else null.
     */
    private double[] suffixForm(double[] o) {
        if (suffix.length != 1) {
            return null;
        }
        int g = suffix[0];
        double[][] m = {a[g], b[g], c[g]};
        int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {0, 2}, {1, 2}};
        double[] k = new double[24];
        double[] h = new double[8];
        for (int p = 0; p < 6; p++) {
            // X = M_u† O M_w; the square terms are X itself, the cross terms X + X†
            multiply(o, m[pairs[p][1]], h);
            adjointMultiply(m[pairs[p][0]], h, h);
            if (p >= 3) {
                hermitianPart(h);
            }
            k[4 * p] = 0.5 * (h[0] + h[6]);
            k[4 * p + 1] = h[4];
            k[4 * p + 2] = h[5];
            k[4 * p + 3] = 0.5 * (h[0] - h[6]);
        }
        return k;
    }

    /** The observable's matrix and, for a one-gate suffix, its quadratic form ({@link #suffixForm}). */
    private record Observed(double[] matrix, double[] suffix) {
    }

    private Observed observed(PauliObservable observable) {
        double[] o = matrix(observable);
        return new Observed(o, suffixForm(o));
    }

    /** The observable as a 2×2 complex matrix, row-major (re, im) pairs. */
    static double[] matrix(PauliObservable o) {
        double[] m = new double[8];
        for (PauliObservable.Term t : o.terms()) {
            PauliString p = t.pauli();
            for (int i = 0; i < 2; i++) {
                // P|i⟩ = i^k |i ⊕ x⟩: column i, row i ⊕ x
                int k = p.phaseExponent(i);
                int row = (int) (i ^ p.xMask());
                m[4 * row + 2 * i] += t.coefficient() * PauliString.phaseReal(k);
                m[4 * row + 2 * i + 1] += t.coefficient() * PauliString.phaseImaginary(k);
            }
        }
        return m;
    }

    /** A workspace for one worker, from the pool. */
    Workspace borrow() {
        Workspace w = idle.poll();
        return w != null ? w : new Workspace();
    }

    /** Returns a workspace for reuse. */
    void giveBack(Workspace w) {
        idle.offer(w);
    }

    /** ⟨O⟩ of every row into out[offset + r], in parallel over experts (grid) or rows. */
    void values(ParallelBatch parallel, PauliObservable observable, InputRows rows, double[] out, int offset) {
        Observed o = observed(observable);
        if (rows instanceof InputRows.Grid grid) {
            double[][] points = pointRotations(grid);
            int m = grid.points;
            parallel.run(grid.to - grid.from, 40L * m + 400, (from, to) -> {
                Workspace w = borrow();
                try {
                    for (int e = from; e < to; e += BLOCK) {
                        int count = Math.min(BLOCK, to - e);
                        for (int l = 0; l < count; l++) {
                            w.bindExpert(grid.angles, (grid.from + e + l) * d, l, o, false);
                        }
                        for (int pt = 0; pt < m; pt++) {
                            w.values(points[pt], count);
                            for (int l = 0; l < count; l++) {
                                out[offset + (e + l) * m + pt] = w.value[l];
                            }
                        }
                    }
                } finally {
                    giveBack(w);
                }
            });
            return;
        }
        parallel.run(rows.size(), 600, (from, to) -> {
            Workspace w = borrow();
            try {
                for (int r = from; r < to; r++) {
                    w.bindRow(rows, r, o, false);
                    w.values(w.rowRotation, 1);
                    out[offset + r] = w.value[0];
                }
            } finally {
                giveBack(w);
            }
        });
    }

    /**
     * Values and θ-gradients: per row into {@code values[r]} and {@code gradients[r·d + j]} when {@code weights} is
     * null; else, per expert (unit) of the grid, {@code weighted[offset + unit·d + j] +=} Σ_a weights[a] ∂f/∂θ_j
     * computed as one contraction: with L = Σ_a w_a R(x_a) and W = Σ_a w_a (ascending a, once per call),
     * Σ_a w_a ∂_j f = W·∂_j q0 + ∂_j q · (L r) + q · (L ∂_j r), which equals the sum of the per-row gradients to
     * rounding and costs O(1) per expert instead of O(M). It depends only on the expert's angles, the points and the
     * weights, so the bits do not depend on threads, blocks or batch size.
     */
    void gradients(ParallelBatch parallel, PauliObservable observable, InputRows rows, double[] values,
                   double[] gradients, double[] weights, double[] weighted, int offset) {
        Observed o = observed(observable);
        if (rows instanceof InputRows.Grid grid) {
            double[][] points = pointRotations(grid);
            int m = grid.points;
            if (weights != null) {
                double[] contracted = new double[9];
                double total = 0;
                for (int pt = 0; pt < m; pt++) {
                    for (int k = 0; k < 9; k++) {
                        contracted[k] += weights[pt] * points[pt][k];
                    }
                    total += weights[pt];
                }
                double sumOfWeights = total;
                parallel.run(grid.to - grid.from, 800, (from, to) -> {
                    Workspace w = borrow();
                    try {
                        for (int e = from; e < to; e++) {
                            w.bindExpert(grid.angles, (grid.from + e) * d, 0, o, true);
                            w.addContracted(contracted, sumOfWeights, weighted, offset + e * d);
                        }
                    } finally {
                        giveBack(w);
                    }
                });
                return;
            }
            parallel.run(grid.to - grid.from, 80L * m + 800, (from, to) -> {
                Workspace w = borrow();
                try {
                    for (int e = from; e < to; e += BLOCK) {
                        int count = Math.min(BLOCK, to - e);
                        for (int l = 0; l < count; l++) {
                            w.bindExpert(grid.angles, (grid.from + e + l) * d, l, o, true);
                        }
                        for (int pt = 0; pt < m; pt++) {
                            w.valuesAndGradients(points[pt], count);
                            for (int l = 0; l < count; l++) {
                                int r = (e + l) * m + pt;
                                values[r] = w.value[l];
                                for (int j = 0; j < d; j++) {
                                    gradients[r * d + j] = w.gradient[j][l];
                                }
                            }
                        }
                    }
                } finally {
                    giveBack(w);
                }
            });
            return;
        }
        if (weights != null) {
            throw new IllegalStateException("weighted gradients are defined on a grid");
        }
        parallel.run(rows.size(), 1200, (from, to) -> {
            Workspace w = borrow();
            try {
                for (int r = from; r < to; r++) {
                    w.bindRow(rows, r, o, true);
                    w.valuesAndGradients(w.rowRotation, 1);
                    values[r] = w.value[0];
                    for (int j = 0; j < d; j++) {
                        gradients[r * d + j] = w.gradient[j][0];
                    }
                }
            } finally {
                giveBack(w);
            }
        });
    }

    /** R(x_a) of the middle segment for every data point of a grid, 9 doubles each (row-major). */
    private double[][] pointRotations(InputRows.Grid grid) {
        double[][] out = new double[grid.points][9];
        double[] input = new double[inputs];
        double[] u = new double[8];
        double[] t = new double[8];
        for (int pt = 0; pt < grid.points; pt++) {
            System.arraycopy(grid.features, pt * grid.k, input, grid.d, grid.k);
            rotation(input, out[pt], u, t);
        }
        return out;
    }

    /** R of the middle segment at the input vector into {@code r} (9, row-major); u and t are scratch (8 each). */
    private void rotation(double[] input, double[] r, double[] u, double[] t) {
        identity(u);
        double[] trig = new double[2];
        double[] sine = new double[1];
        for (int g : middle) {
            gate(g, input, trig, sine, t);
            multiply(t, u, u);
        }
        // column k of R: the Bloch vector of D σ_k D†
        double[] s = new double[8];
        double[] h = new double[8];
        for (int k = 0; k < 3; k++) {
            java.util.Arrays.fill(s, 0);
            if (k == 0) {
                s[2] = 1;
                s[4] = 1;
            } else if (k == 1) {
                s[3] = -1;
                s[5] = 1;
            } else {
                s[0] = 1;
                s[6] = -1;
            }
            multiply(u, s, h);
            multiplyAdjoint(h, u, h);
            r[k] = h[2];
            r[3 + k] = -h[3];
            r[6 + k] = 0.5 * (h[0] - h[6]);
        }
    }

    /**
     * The matrix of gate g at the input vector into {@code m}, and c = cos|w|φ, s = sin|w|φ into {@code trig[0]} and
     * {@code sine[0]} (then copied to {@code trig[1]}; both scratch, lengths 2 and 1).
     */
    private void gate(int g, double[] input, double[] trig, double[] sine, double[] m) {
        trig(g, input, trig, sine);
        double cs = trig[0];
        double sn = trig[1];
        double[] ag = a[g];
        double[] bg = b[g];
        double[] cg = c[g];
        for (int k = 0; k < 8; k++) {
            m[k] = ag[k] + cs * bg[k] + sn * cg[k];
        }
    }

    /** c = cos|w|φ and s = sin|w|φ of gate g at the input into trig[0] and trig[1] (sine: scratch of 1). */
    private void trig(int g, double[] input, double[] trig, double[] sine) {
        double cs = 0;
        double sn = 0;
        if (angled[g]) {
            double phi = linearInput[g] >= 0 ? linearScale[g] * input[linearInput[g]] : compiled.angle(g, input);
            SineCosine.of(weight[g] * phi, trig, sine, 0);
            cs = trig[0];
            sn = sine[0];
        }
        trig[0] = cs;
        trig[1] = sn;
    }

    /** v = K0 + c²K1 + s²K2 + c·K3 + s·K4 + cs·K5 for six {@code dim}-vectors k, into out[0…dim). */
    private static void quadratic(double[] k, int dim, double cs, double sn, double[] out) {
        double cc = cs * cs;
        double ss = sn * sn;
        double cross = cs * sn;
        for (int e = 0; e < dim; e++) {
            out[e] = k[e] + cc * k[dim + e] + ss * k[2 * dim + e] + cs * k[3 * dim + e] + sn * k[4 * dim + e]
                    + cross * k[5 * dim + e];
        }
    }

    /** ∂φ_g/∂θ for trainable {@code j} at the input vector. */
    private double angleDerivative(int g, double[] input, int j) {
        return linearInput[g] >= 0 ? linearScale[g] : compiled.angleDerivative(g, input, j);
    }

    /** dU/dφ of gate g (after {@link #gate} at the same input: c and s are read back from {@code trig}). */
    private void gateDerivative(int g, double[] trig, double[] m) {
        double w = weight[g];
        double cs = w * trig[0];
        double sn = w * trig[1];
        double[] bg = b[g];
        double[] cg = c[g];
        for (int k = 0; k < 8; k++) {
            m[k] = cs * cg[k] - sn * bg[k];
        }
    }

    private static void identity(double[] m) {
        java.util.Arrays.fill(m, 0);
        m[0] = 1;
        m[6] = 1;
    }

    /** out = x · y (2×2 complex; out may alias x or y). */
    private static void multiply(double[] x, double[] y, double[] out) {
        double r00 = x[0] * y[0] - x[1] * y[1] + x[2] * y[4] - x[3] * y[5];
        double i00 = x[0] * y[1] + x[1] * y[0] + x[2] * y[5] + x[3] * y[4];
        double r01 = x[0] * y[2] - x[1] * y[3] + x[2] * y[6] - x[3] * y[7];
        double i01 = x[0] * y[3] + x[1] * y[2] + x[2] * y[7] + x[3] * y[6];
        double r10 = x[4] * y[0] - x[5] * y[1] + x[6] * y[4] - x[7] * y[5];
        double i10 = x[4] * y[1] + x[5] * y[0] + x[6] * y[5] + x[7] * y[4];
        double r11 = x[4] * y[2] - x[5] * y[3] + x[6] * y[6] - x[7] * y[7];
        double i11 = x[4] * y[3] + x[5] * y[2] + x[6] * y[7] + x[7] * y[6];
        out[0] = r00;
        out[1] = i00;
        out[2] = r01;
        out[3] = i01;
        out[4] = r10;
        out[5] = i10;
        out[6] = r11;
        out[7] = i11;
    }

    /** out = x · y† (out may alias x or y). */
    private static void multiplyAdjoint(double[] x, double[] y, double[] out) {
        double r00 = x[0] * y[0] + x[1] * y[1] + x[2] * y[2] + x[3] * y[3];
        double i00 = x[1] * y[0] - x[0] * y[1] + x[3] * y[2] - x[2] * y[3];
        double r01 = x[0] * y[4] + x[1] * y[5] + x[2] * y[6] + x[3] * y[7];
        double i01 = x[1] * y[4] - x[0] * y[5] + x[3] * y[6] - x[2] * y[7];
        double r10 = x[4] * y[0] + x[5] * y[1] + x[6] * y[2] + x[7] * y[3];
        double i10 = x[5] * y[0] - x[4] * y[1] + x[7] * y[2] - x[6] * y[3];
        double r11 = x[4] * y[4] + x[5] * y[5] + x[6] * y[6] + x[7] * y[7];
        double i11 = x[5] * y[4] - x[4] * y[5] + x[7] * y[6] - x[6] * y[7];
        out[0] = r00;
        out[1] = i00;
        out[2] = r01;
        out[3] = i01;
        out[4] = r10;
        out[5] = i10;
        out[6] = r11;
        out[7] = i11;
    }

    /** out = x† · y (out may alias x or y). */
    private static void adjointMultiply(double[] x, double[] y, double[] out) {
        double r00 = x[0] * y[0] + x[1] * y[1] + x[4] * y[4] + x[5] * y[5];
        double i00 = x[0] * y[1] - x[1] * y[0] + x[4] * y[5] - x[5] * y[4];
        double r01 = x[0] * y[2] + x[1] * y[3] + x[4] * y[6] + x[5] * y[7];
        double i01 = x[0] * y[3] - x[1] * y[2] + x[4] * y[7] - x[5] * y[6];
        double r10 = x[2] * y[0] + x[3] * y[1] + x[6] * y[4] + x[7] * y[5];
        double i10 = x[2] * y[1] - x[3] * y[0] + x[6] * y[5] - x[7] * y[4];
        double r11 = x[2] * y[2] + x[3] * y[3] + x[6] * y[6] + x[7] * y[7];
        double i11 = x[2] * y[3] - x[3] * y[2] + x[6] * y[7] - x[7] * y[6];
        out[0] = r00;
        out[1] = i00;
        out[2] = r01;
        out[3] = i01;
        out[4] = r10;
        out[5] = i10;
        out[6] = r11;
        out[7] = i11;
    }

    /**
     * One worker's block of experts in Bloch form: r, q0, q and (when gradients are asked) ∂_j r, ∂_j q per lane, and
     * the outputs of one point. Not thread-safe.
     */
    final class Workspace {
        final double[] rx = new double[BLOCK];
        final double[] ry = new double[BLOCK];
        final double[] rz = new double[BLOCK];
        final double[] q0 = new double[BLOCK];
        final double[] qx = new double[BLOCK];
        final double[] qy = new double[BLOCK];
        final double[] qz = new double[BLOCK];
        final double[][] drx = new double[d][BLOCK];
        final double[][] dry = new double[d][BLOCK];
        final double[][] drz = new double[d][BLOCK];
        final double[][] dq0 = new double[d][BLOCK];
        final double[][] dqx = new double[d][BLOCK];
        final double[][] dqy = new double[d][BLOCK];
        final double[][] dqz = new double[d][BLOCK];
        final double[] value = new double[BLOCK];
        /** The derivative lanes by component, for {@link #quadraticDerivative}. */
        private final double[][][] rDerivative = {drx, dry, drz};
        private final double[][][] qDerivativeLanes = {dq0, dqx, dqy, dqz};
        private final double[] bloch = new double[4];
        /** u = R r and v = Rᵀ q of the last point. */
        private final double[] ux = new double[BLOCK];
        private final double[] uy = new double[BLOCK];
        private final double[] uz = new double[BLOCK];
        private final double[] vx = new double[BLOCK];
        private final double[] vy = new double[BLOCK];
        private final double[] vz = new double[BLOCK];
        final double[][] gradient = new double[d][BLOCK];
        final double[] rowRotation = new double[9];
        private final double[] input = new double[inputs];
        private final double[] sine = new double[1];
        private final double[][] before;
        /** Per gate of the prefix and suffix: c and s, and its matrix, at the bound expert. */
        private final double[][] trigs;
        private final double[][] matrices;
        private final double[] derivative = new double[8];
        private final double[] psi = new double[4];
        private final double[] dpsi = new double[4];
        private final double[][] psiDerivative = new double[d][4];
        private final double[][] qAfter;
        private final double[][] qDerivative = new double[d][8];
        private final double[] h = new double[8];
        private final double[] u = new double[8];
        private final double[] t = new double[8];
        private final double[] q = new double[8];

        Workspace() {
            int gates = compiled.gateCount();
            before = new double[gates + 1][4];
            trigs = new double[gates][2];
            matrices = new double[gates][8];
            qAfter = new double[gates + 1][8];
        }

        /** Binds explicit row r to lane 0: its expert part and the rotation of its data part. */
        void bindRow(InputRows rows, int r, Observed o, boolean withGradients) {
            rows.copy(r, input);
            bindInput(0, o, withGradients);
            rotation(input, rowRotation, u, t);
        }

        /** Binds the expert whose d angles start at angles[start] to lane l. */
        void bindExpert(double[] angles, int start, int l, Observed o, boolean withGradients) {
            System.arraycopy(angles, start, input, 0, d);
            bindInput(l, o, withGradients);
        }

        /** r, q (and derivatives) of the trainable part of {@link #input} into lane l. */
        private void bindInput(int l, Observed o, boolean withGradients) {
            if (prefixForm != null) {
                int g = prefix[0];
                double[] cs = trigs[g];
                trig(g, input, cs, sine);
                quadratic(prefixForm, 3, cs[0], cs[1], bloch);
                rx[l] = bloch[0];
                ry[l] = bloch[1];
                rz[l] = bloch[2];
            } else {
                // prefix: ψ = P|0⟩, keeping the state before every gate
                double[] state = psi;
                state[0] = 1;
                state[1] = 0;
                state[2] = 0;
                state[3] = 0;
                for (int p = 0; p < prefix.length; p++) {
                    int g = prefix[p];
                    System.arraycopy(state, 0, before[p], 0, 4);
                    gate(g, input, trigs[g], sine, matrices[g]);
                    apply(matrices[g], state, state);
                }
                rx[l] = 2 * (state[0] * state[2] + state[1] * state[3]);
                ry[l] = 2 * (state[0] * state[3] - state[1] * state[2]);
                rz[l] = (state[0] * state[0] + state[1] * state[1]) - (state[2] * state[2] + state[3] * state[3]);
            }
            if (o.suffix() != null) {
                int g = suffix[0];
                double[] cs = trigs[g];
                trig(g, input, cs, sine);
                quadratic(o.suffix(), 4, cs[0], cs[1], bloch);
                q0[l] = bloch[0];
                qx[l] = bloch[1];
                qy[l] = bloch[2];
                qz[l] = bloch[3];
            } else {
                // suffix: Q = S† O S from the last gate back, keeping the observable after every gate
                System.arraycopy(o.matrix(), 0, q, 0, 8);
                System.arraycopy(q, 0, qAfter[suffix.length], 0, 8);
                for (int p = suffix.length - 1; p >= 0; p--) {
                    int g = suffix[p];
                    gate(g, input, trigs[g], sine, matrices[g]);
                    multiply(q, matrices[g], q);
                    adjointMultiply(matrices[g], q, q);
                    System.arraycopy(q, 0, qAfter[p], 0, 8);
                }
                q0[l] = 0.5 * (q[0] + q[6]);
                qx[l] = q[4];
                qy[l] = q[5];
                qz[l] = 0.5 * (q[0] - q[6]);
            }
            if (withGradients) {
                derivatives(l, o);
            }
        }

        /**
         * For a one-gate segment g with form k (six {@code dim}-vectors): ∂v/∂θ_j = ∂φ/∂θ_j · |w| (c ∂v/∂s − s ∂v/∂c)
         * into {@code out[j][lane]}, j over the gate's trainables (zero for the others).
         */
        private void quadraticDerivative(int g, double[] k, int dim, double[][][] out, int l) {
            double cs = trigs[g][0];
            double sn = trigs[g][1];
            double w = weight[g];
            for (int e = 0; e < dim; e++) {
                double byC = 2 * cs * k[dim + e] + k[3 * dim + e] + sn * k[5 * dim + e];
                double byS = 2 * sn * k[2 * dim + e] + k[4 * dim + e] + cs * k[5 * dim + e];
                bloch[e] = w * (cs * byS - sn * byC);
            }
            for (int j = 0; j < d; j++) {
                for (int e = 0; e < dim; e++) {
                    out[e][j][l] = 0;
                }
            }
            for (int j = 0; j < deps[g].length; j++) {
                double dphi = angleDerivative(g, input, deps[g][j]);
                for (int e = 0; e < dim; e++) {
                    out[e][deps[g][j]][l] = dphi * bloch[e];
                }
            }
        }

        /** ∂_j r and ∂_j q of lane l (after {@link #bindInput}'s forward parts). */
        private void derivatives(int l, Observed o) {
            for (int j = 0; j < d; j++) {
                double[] dp = psiDerivative[j];
                double[] dq = qDerivative[j];
                for (int k = 0; k < 4; k++) {
                    dp[k] = 0;
                }
                for (int k = 0; k < 8; k++) {
                    dq[k] = 0;
                }
            }
            for (int p = 0; p < (prefixForm == null ? prefix.length : 0); p++) {
                int g = prefix[p];
                if (deps[g].length == 0) {
                    continue;
                }
                gateDerivative(g, trigs[g], derivative);
                apply(derivative, before[p], dpsi);
                for (int k = p + 1; k < prefix.length; k++) {
                    apply(matrices[prefix[k]], dpsi, dpsi);
                }
                for (int j = 0; j < deps[g].length; j++) {
                    double dphi = angleDerivative(g, input, deps[g][j]);
                    double[] target = psiDerivative[deps[g][j]];
                    for (int k = 0; k < 4; k++) {
                        target[k] += dphi * dpsi[k];
                    }
                }
            }
            for (int p = 0; p < (o.suffix() == null ? suffix.length : 0); p++) {
                int g = suffix[p];
                if (deps[g].length == 0) {
                    continue;
                }
                // ∂(V† Q V) = dV† Q V + V† Q dV = X + X†, X = V† Q dV, Q the observable after gate p; then conjugated
                // by the suffix gates before it
                gateDerivative(g, trigs[g], derivative);
                multiply(qAfter[p + 1], derivative, h);
                adjointMultiply(matrices[g], h, h);
                hermitianPart(h);
                for (int k = p - 1; k >= 0; k--) {
                    multiply(h, matrices[suffix[k]], h);
                    adjointMultiply(matrices[suffix[k]], h, h);
                }
                for (int j = 0; j < deps[g].length; j++) {
                    double dphi = angleDerivative(g, input, deps[g][j]);
                    double[] target = qDerivative[deps[g][j]];
                    for (int k = 0; k < 8; k++) {
                        target[k] += dphi * h[k];
                    }
                }
            }
            double[] s = psi;
            for (int j = 0; j < d; j++) {
                if (prefixForm == null) {
                    double[] ds = psiDerivative[j];
                    drx[j][l] = 2 * ((ds[0] * s[2] + ds[1] * s[3]) + (s[0] * ds[2] + s[1] * ds[3]));
                    dry[j][l] = 2 * ((ds[0] * s[3] - ds[1] * s[2]) + (s[0] * ds[3] - s[1] * ds[2]));
                    drz[j][l] = 2 * ((s[0] * ds[0] + s[1] * ds[1]) - (s[2] * ds[2] + s[3] * ds[3]));
                }
                if (o.suffix() == null) {
                    double[] dq = qDerivative[j];
                    dq0[j][l] = 0.5 * (dq[0] + dq[6]);
                    dqx[j][l] = dq[4];
                    dqy[j][l] = dq[5];
                    dqz[j][l] = 0.5 * (dq[0] - dq[6]);
                }
            }
            if (prefixForm != null) {
                quadraticDerivative(prefix[0], prefixForm, 3, rDerivative, l);
            }
            if (o.suffix() != null) {
                quadraticDerivative(suffix[0], o.suffix(), 4, qDerivativeLanes, l);
            }
        }

        /** f of the first {@code count} lanes at rotation R into {@link #value}, and u = R r into (ux, uy, uz). */
        void values(double[] r, int count) {
            double r00 = r[0];
            double r01 = r[1];
            double r02 = r[2];
            double r10 = r[3];
            double r11 = r[4];
            double r12 = r[5];
            double r20 = r[6];
            double r21 = r[7];
            double r22 = r[8];
            for (int l = 0; l < count; l++) {
                double x = r00 * rx[l] + r01 * ry[l] + r02 * rz[l];
                double y = r10 * rx[l] + r11 * ry[l] + r12 * rz[l];
                double z = r20 * rx[l] + r21 * ry[l] + r22 * rz[l];
                ux[l] = x;
                uy[l] = y;
                uz[l] = z;
                value[l] = q0[l] + (qx[l] * x + qy[l] * y + qz[l] * z);
            }
        }

        /** f and ∂f/∂θ_j of the first {@code count} lanes at rotation R into {@link #value} and {@link #gradient}. */
        void valuesAndGradients(double[] r, int count) {
            values(r, count);
            double r00 = r[0];
            double r01 = r[1];
            double r02 = r[2];
            double r10 = r[3];
            double r11 = r[4];
            double r12 = r[5];
            double r20 = r[6];
            double r21 = r[7];
            double r22 = r[8];
            for (int l = 0; l < count; l++) {
                vx[l] = r00 * qx[l] + r10 * qy[l] + r20 * qz[l];
                vy[l] = r01 * qx[l] + r11 * qy[l] + r21 * qz[l];
                vz[l] = r02 * qx[l] + r12 * qy[l] + r22 * qz[l];
            }
            for (int j = 0; j < d; j++) {
                double[] g = gradient[j];
                double[] ax = drx[j];
                double[] ay = dry[j];
                double[] az = drz[j];
                double[] b0 = dq0[j];
                double[] bx = dqx[j];
                double[] by = dqy[j];
                double[] bz = dqz[j];
                for (int l = 0; l < count; l++) {
                    g[l] = b0[l] + (bx[l] * ux[l] + by[l] * uy[l] + bz[l] * uz[l])
                            + (vx[l] * ax[l] + vy[l] * ay[l] + vz[l] * az[l]);
                }
            }
        }

        /**
         * out[start + j] += W·∂_j q0 + ∂_j q · (L r) + q · (L ∂_j r) for the expert in lane 0, L = {@code l}
         * (9, row-major) and W = {@code total}.
         */
        void addContracted(double[] l, double total, double[] out, int start) {
            double x = l[0] * rx[0] + l[1] * ry[0] + l[2] * rz[0];
            double y = l[3] * rx[0] + l[4] * ry[0] + l[5] * rz[0];
            double z = l[6] * rx[0] + l[7] * ry[0] + l[8] * rz[0];
            for (int j = 0; j < d; j++) {
                double ax = drx[j][0];
                double ay = dry[j][0];
                double az = drz[j][0];
                double lx = l[0] * ax + l[1] * ay + l[2] * az;
                double ly = l[3] * ax + l[4] * ay + l[5] * az;
                double lz = l[6] * ax + l[7] * ay + l[8] * az;
                out[start + j] += total * dq0[j][0] + (dqx[j][0] * x + dqy[j][0] * y + dqz[j][0] * z)
                        + (qx[0] * lx + qy[0] * ly + qz[0] * lz);
            }
        }
    }

    /** out = m · v for a complex 2-vector v = (re0, im0, re1, im1) (out may alias v). */
    private static void apply(double[] m, double[] v, double[] out) {
        double r0 = m[0] * v[0] - m[1] * v[1] + m[2] * v[2] - m[3] * v[3];
        double i0 = m[0] * v[1] + m[1] * v[0] + m[2] * v[3] + m[3] * v[2];
        double r1 = m[4] * v[0] - m[5] * v[1] + m[6] * v[2] - m[7] * v[3];
        double i1 = m[4] * v[1] + m[5] * v[0] + m[6] * v[3] + m[7] * v[2];
        out[0] = r0;
        out[1] = i0;
        out[2] = r1;
        out[3] = i1;
    }

    /** h ← h + h† (the Hermitian part, twice). */
    private static void hermitianPart(double[] h) {
        double r01 = h[2] + h[4];
        double i01 = h[3] - h[5];
        h[0] = 2 * h[0];
        h[1] = 0;
        h[6] = 2 * h[6];
        h[7] = 0;
        h[2] = r01;
        h[3] = i01;
        h[4] = r01;
        h[5] = -i01;
    }
}
