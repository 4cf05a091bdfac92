package io.qmoe.backend.statevector;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A circuit compiled for lane-batched simulation of small registers: {@link #lanes} bindings (64 up to 6 qubits, 32
 * above, never more than the batch) are simulated side by side, amplitude i of every lane held in one row
 * {@code re[i][0..lanes)}. Each gate becomes one of six row operations whose
 * row indices are precomputed here, so index arithmetic and dispatch are paid once per gate for all lanes and the inner
 * lane loops are plain array loops the JIT vectorises. Permutation gates (x, cx, swap) only exchange row references.
 * Gates with the same angle expression share one trig slot, so cos and sin are computed once per distinct angle.
 * Immutable and thread-safe; it keeps a pool of idle per-worker simulations so that repeated calls reuse their buffers.
 */
final class LaneProgram {
    /** Largest register simulated in lanes; larger ones use the one-binding kernels of {@link CompiledCircuit}. */
    static final int MAX_QUBITS = 10;

    static final int FIXED = 0;
    static final int SWAP_ROWS = 1;
    static final int NEGATE = 2;
    static final int ROT_X = 3;
    static final int ROT_Y = 4;
    static final int PHASE = 5;

    /** One gate as a row operation. */
    static final class Op {
        final int type;
        final int gate;
        /** Rows (or first rows of pairs) and second rows of pairs. */
        final int[] a;
        final int[] b;
        /** Per-row or per-pair sign of the sine (ROT_X, PHASE). */
        final double[] sigma;
        /** Trig slot of a parametric gate, or −1. */
        final int slot;
        /** Fixed 2×2 matrix and its inverse as (ar, ai, br, bi, cr, ci, dr, di). */
        final double[] matrix;
        final double[] inverse;
        /** The generator overlap of a parametric gate, or null. */
        final RowOverlap generator;

        Op(int type, int gate, int[][] rows, double[] sigma, int slot, double[] matrix, RowOverlap generator) {
            this.type = type;
            this.gate = gate;
            this.a = rows[0];
            this.b = rows.length > 1 ? rows[1] : null;
            this.sigma = sigma;
            this.slot = slot;
            this.matrix = matrix;
            this.inverse = matrix == null ? null : new double[] {matrix[0], -matrix[1], matrix[4], -matrix[5],
                matrix[2], -matrix[3], matrix[6], -matrix[7]};
            this.generator = generator;
        }
    }

    /**
     * Σ_p sign_p · conj(A[u_p]) · B[v_p], of which the real or the imaginary part is kept and scaled by a weight: the
     * form of both ⟨λ|G|ψ⟩ (adjoint) and ⟨ψ|P|ψ⟩ (expectation).
     */
    static final class RowOverlap {
        final int[] u;
        final int[] v;
        final double[] sign;
        final boolean imaginary;
        final double weight;

        RowOverlap(int[] u, int[] v, double[] sign, boolean imaginary, double weight) {
            this.u = u;
            this.v = v;
            this.sign = sign;
            this.imaginary = imaginary;
            this.weight = weight;
        }
    }

    final CompiledCircuit compiled;
    final int dim;
    final int lanes;
    final Op[] ops;
    /** Per slot: a gate carrying its angle, and whether the kernels need φ/2 (rotations) or φ (p, cp). */
    final int[] slotGate;
    final boolean[] slotHalf;
    /** Per slot: when the angle is scale·input (one linear term), the input's index and the scale; else −1. */
    final int[] slotInput;
    final double[] slotScale;
    /** Per slot: whether its angle depends on a trainable input, and whether on a data input. */
    final boolean[] slotTrainable;
    final boolean[] slotData;
    /**
     * Whether binding a grid must copy every lane's whole input vector: some slot mixes trainable and data inputs, or
     * some trainable's ∂φ/∂θ is not a constant (the adjoint evaluates it at the lane's inputs).
     */
    final boolean gridInputs;
    /** Per gate: trainable inputs its angle depends on, and ∂φ/∂θ when that is a constant (else NaN). */
    final int[][] trainables;
    final double[][] constantDerivative;

    /** Idle simulations of this program, reused by later calls (one per worker in use). */
    private final ConcurrentLinkedQueue<LaneSimulation> idle = new ConcurrentLinkedQueue<>();

    /** The lane count for a batch of {@code rows} bindings: 64 up to 6 qubits, 32 above, never more than the batch. */
    static int laneCount(ParametricCircuit circuit, int rows) {
        return Math.max(1, Math.min(circuit.qubitCount() <= 6 ? 64 : 32, rows));
    }

    /** Compiles a circuit for {@code lanes} lanes ({@link #laneCount}). */
    LaneProgram(CompiledCircuit compiled, int lanes) {
        this.compiled = compiled;
        ParametricCircuit circuit = compiled.circuit();
        int n = circuit.qubitCount();
        this.dim = 1 << n;
        this.lanes = lanes;
        int gates = compiled.gateCount();
        List<Op> list = new ArrayList<>();
        Map<String, Integer> slots = new HashMap<>();
        List<Integer> slotGates = new ArrayList<>();
        List<Boolean> halves = new ArrayList<>();
        trainables = new int[gates][];
        constantDerivative = new double[gates][];
        int d = circuit.trainableCount();
        for (int g = 0; g < gates; g++) {
            trainables[g] = compiled.trainableDependencies(g, d);
            constantDerivative[g] = new double[trainables[g].length];
            AngleExpression angle = circuit.gates().get(g).angle();
            for (int i = 0; i < trainables[g].length; i++) {
                constantDerivative[g][i] = constantDerivative(angle, circuit.trainableNames().get(trainables[g][i]));
            }
            int slot = -1;
            if (compiled.parametric(g)) {
                boolean half = GateTable.angleFactor(GateTable.of(compiled.kind(g))) == 0.5;
                String key = half + ":" + angle;
                Integer existing = slots.get(key);
                if (existing == null) {
                    existing = slotGates.size();
                    slots.put(key, existing);
                    slotGates.add(g);
                    halves.add(half);
                }
                slot = existing;
            }
            Op op = compile(g, slot);
            if (op != null) {
                list.add(op);
            }
        }
        this.ops = list.toArray(new Op[0]);
        this.slotGate = slotGates.stream().mapToInt(Integer::intValue).toArray();
        this.slotHalf = new boolean[halves.size()];
        this.slotInput = new int[halves.size()];
        this.slotScale = new double[halves.size()];
        this.slotTrainable = new boolean[halves.size()];
        this.slotData = new boolean[halves.size()];
        boolean inputs = false;
        for (int g = 0; g < gates; g++) {
            for (double c : constantDerivative[g]) {
                inputs |= Double.isNaN(c);
            }
        }
        for (int s = 0; s < slotHalf.length; s++) {
            for (int j = 0; j < circuit.inputCount(); j++) {
                if (compiled.dependsOn(slotGate[s], j)) {
                    if (j < d) {
                        slotTrainable[s] = true;
                    } else {
                        slotData[s] = true;
                    }
                }
            }
            inputs |= slotTrainable[s] && slotData[s];
            slotHalf[s] = halves.get(s);
            slotInput[s] = -1;
            AngleExpression angle = circuit.gates().get(slotGate[s]).angle();
            if (angle.terms().size() == 1) {
                Map.Entry<List<String>, Double> term = angle.terms().entrySet().iterator().next();
                if (term.getKey().size() == 1) {
                    slotInput[s] = circuit.inputIndex(term.getKey().get(0));
                    slotScale[s] = term.getValue();
                }
            }
        }
        this.gridInputs = inputs;
    }

    /** The argument of slot s's cos and sin (φ/2 for rotations, φ for phases) at the input vector. */
    double argument(int s, double[] input) {
        return slotInput[s] >= 0 ? argumentOf(s, input[slotInput[s]]) : (slotHalf[s] ? 0.5 : 1) * compiled.angle(
                slotGate[s], input);
    }

    /** The argument of slot s when its angle is scale·v (one linear term, {@link #slotInput} ≥ 0). */
    double argumentOf(int s, double v) {
        return (slotHalf[s] ? 0.5 : 1) * (slotScale[s] * v);
    }

    /**
     * cos and sin of the slots that depend on no trainable input, per data point of a grid (computed once per call
     * instead of once per lane); null for explicit rows. Row {@code s} is null for the slots that depend on a
     * trainable.
     */
    PointTrig pointTrig(InputRows rows) {
        if (!(rows instanceof InputRows.Grid grid)) {
            return null;
        }
        int slots = slotGate.length;
        double[][] c = new double[slots][];
        double[][] sn = new double[slots][];
        double[] input = new double[compiled.circuit().inputCount()];
        for (int s = 0; s < slots; s++) {
            if (slotTrainable[s]) {
                continue;
            }
            c[s] = new double[grid.points];
            sn[s] = new double[grid.points];
            for (int a = 0; a < grid.points; a++) {
                System.arraycopy(grid.features, a * grid.k, input, grid.d, grid.k);
                SineCosine.of(argument(s, input), c[s], sn[s], a);
            }
        }
        return new PointTrig(c, sn);
    }

    /** cos and sin per slot and data point ({@link #pointTrig}). Read-only once made. */
    static final class PointTrig {
        final double[][] cos;
        final double[][] sin;

        PointTrig(double[][] cos, double[][] sin) {
            this.cos = cos;
            this.sin = sin;
        }
    }

    /** A simulation of this program for one worker: an idle one if there is one, else a new one. */
    LaneSimulation borrow() {
        LaneSimulation sim = idle.poll();
        return sim != null ? sim : new LaneSimulation(this);
    }

    /** Returns a simulation from {@link #borrow} for reuse by a later call. */
    void giveBack(LaneSimulation sim) {
        idle.offer(sim);
    }

    /** Whether the circuit is small enough for lanes. */
    static boolean suits(ParametricCircuit circuit) {
        return circuit.qubitCount() <= MAX_QUBITS;
    }

    /** ∂φ/∂input when every term holding the input is linear in it (the sum of their coefficients), else NaN. */
    private static double constantDerivative(AngleExpression angle, String input) {
        double sum = 0;
        for (Map.Entry<List<String>, Double> term : angle.terms().entrySet()) {
            List<String> factors = term.getKey();
            if (!factors.contains(input)) {
                continue;
            }
            if (factors.size() != 1) {
                return Double.NaN;
            }
            sum += term.getValue();
        }
        return sum;
    }

    /** Gate g as a row operation, from its {@link GateTable} family (null for the identity). */
    private Op compile(int g, int slot) {
        GateTable.Entry e = GateTable.of(compiled.kind(g));
        int qa = compiled.qubit0(g);
        int qb = compiled.qubit1(g);
        int target = 1 << (e.controlled() ? qb : qa);
        int control = e.controlled() ? 1 << qa : 0;
        switch (e.family()) {
            case IDENTITY -> {
                return null;
            }
            case PERMUTATION -> {
                return new Op(SWAP_ROWS, g, pairs(GateTable.bits(e.mask(), qa, qb), GateTable.bits(e.value(), qa, qb),
                        GateTable.bits(e.flip(), qa, qb)), null, -1, null, null);
            }
            case DIAGONAL, DENSE -> {
                double[] m = e.matrix();
                if (m[0] == 1 && m[1] == 0 && m[6] == -1 && m[7] == 0 && m[2] == 0 && m[4] == 0) {
                    return new Op(NEGATE, g, rows(control | target, control | target), null, -1, null, null);
                }
                return new Op(FIXED, g, pairs(control | target, control, target), null, -1, m, null);
            }
            default -> {
                return rotation(g, slot, generatorOverlap(g), e.rotation());
            }
        }
    }

    /**
     * A parametric gate exp(−iφ·w·Π_C·P) as a row operation. PHASE: row i (control bits set) times
     * cos + i·σ_i·sin with σ_i = −sign(w)·(−1)^{|i∧z|}. ROT_Y (P = Y): pairs (i, i ⊕ x). ROT_X: pairs (i, i ⊕ x) with
     * ψ_i ← c ψ_i − i s σ ψ_{i⊕x}, σ the real phase of P on i ⊕ x ({@link PauliString#phaseExponent}).
     */
    private Op rotation(int g, int slot, RowOverlap gen, GateTable.Rotation kind) {
        int control = compiled.generatorControl(g);
        int x = compiled.generatorX(g);
        int z = compiled.generatorZ(g);
        if (kind == GateTable.Rotation.PHASE) {
            int[][] r = rows(control, control);
            double[] sigma = new double[r[0].length];
            double sign = -Math.signum(compiled.generatorWeight(g));
            for (int p = 0; p < sigma.length; p++) {
                sigma[p] = sign * PauliString.phaseReal(PauliString.phaseExponent(0, z, r[0][p]));
            }
            return new Op(PHASE, g, r, sigma, slot, null, gen);
        }
        int[][] pairs = pairs(control | Integer.lowestOneBit(x), control, x);
        if (kind == GateTable.Rotation.REAL) {
            return new Op(ROT_Y, g, pairs, null, slot, null, gen);
        }
        double[] sigma = new double[pairs[0].length];
        for (int p = 0; p < sigma.length; p++) {
            sigma[p] = PauliString.phaseReal(PauliString.phaseExponent(x, z, pairs[1][p]));
        }
        return new Op(ROT_X, g, pairs, sigma, slot, null, gen);
    }

    /** The rows i with (i & mask) == value. */
    private int[][] rows(int mask, int value) {
        int[] out = new int[dim];
        int count = 0;
        for (int i = 0; i < dim; i++) {
            if ((i & mask) == value) {
                out[count++] = i;
            }
        }
        return new int[][] {java.util.Arrays.copyOf(out, count)};
    }

    /** The pairs (i, i ^ flip) for the rows i with (i & mask) == value. */
    private int[][] pairs(int mask, int value, int flip) {
        int[] first = rows(mask, value)[0];
        int[] second = new int[first.length];
        for (int p = 0; p < first.length; p++) {
            second[p] = first[p] ^ flip;
        }
        return new int[][] {first, second};
    }

    /**
     * Im⟨λ|G|ψ⟩ for the generator G = w·Π_C·P of gate g as a row overlap: Σ over rows i with the control bits set of
     * (−1)^{|j∧z|} conj(λ_i) ψ_j, j = i ⊕ x, times i^{#Y}, of which the imaginary part is kept.
     */
    private RowOverlap generatorOverlap(int g) {
        int control = compiled.generatorControl(g);
        int x = compiled.generatorX(g);
        int z = compiled.generatorZ(g);
        int[] u = rows(control, control)[0];
        int[] v = new int[u.length];
        double[] sign = new double[u.length];
        // (Pψ)_i = i^{k(j)} ψ_j with j = i ⊕ x and i^k = ±1 or ±i: Im(±S) keeps the imaginary part, Im(±i·S) = ±Re S
        boolean odd = (Integer.bitCount(x & z) & 1) != 0;
        for (int p = 0; p < u.length; p++) {
            v[p] = u[p] ^ x;
            int k = PauliString.phaseExponent(x, z, v[p]);
            sign[p] = odd ? PauliString.phaseImaginary(k) : PauliString.phaseReal(k);
        }
        return new RowOverlap(u, v, sign, !odd, compiled.generatorWeight(g));
    }

}
