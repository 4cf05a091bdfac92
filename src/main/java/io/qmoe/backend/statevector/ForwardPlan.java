package io.qmoe.backend.statevector;

import io.qmoe.circuit.PauliString;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass of a {@link CompiledCircuit} as a list of kernel steps with one-qubit gates fused where it pays: the
 * one-qubit gates on a qubit q that meet no two-qubit gate on q in between are multiplied into one 2×2 matrix and
 * applied in one pass over the state, placed where the run ends (they commute with every gate on other qubits), when
 * that pass costs less than the separate ones ({@link #passCost}: ry·rz stays two passes, h·rz·h or a run of
 * diagonals becomes one). A run of fixed gates
 * is multiplied once here; a run with angles is multiplied per binding ({@link #fuse}), a few dozen flops against a
 * pass over 2^n amplitudes. A run of diagonal gates stays diagonal. The fused state equals the gate-by-gate one to
 * rounding (a few ulps). Immutable and thread-safe.
 */
final class ForwardPlan {
    private final CompiledCircuit circuit;
    /** Per step: the gate it applies, or −1 for a fused run. */
    private final int[] stepGate;
    /** Per step of a fused run: its index into {@link #runs}; else −1. */
    private final int[] stepRun;
    /** Per fused run: its qubit, its gates in circuit order, and whether every gate is diagonal. */
    private final int[] runQubit;
    private final int[][] runs;
    private final boolean[] runDiagonal;
    /** Per fused run without angles, its matrix (8 doubles); null for a run with angles. */
    private final double[][] fixedMatrix;

    ForwardPlan(CompiledCircuit circuit) {
        this.circuit = circuit;
        int n = circuit.qubitCount();
        List<List<Integer>> pending = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            pending.add(new ArrayList<>());
        }
        List<int[]> steps = new ArrayList<>();
        List<int[]> runList = new ArrayList<>();
        for (int g = 0; g < circuit.gateCount(); g++) {
            if (GateTable.of(circuit.kind(g)).family() == GateTable.Family.IDENTITY) {
                continue;
            }
            if (circuit.qubit1(g) < 0) {
                pending.get(circuit.qubit0(g)).add(g);
                continue;
            }
            flush(pending.get(circuit.qubit0(g)), steps, runList);
            flush(pending.get(circuit.qubit1(g)), steps, runList);
            steps.add(new int[] {g, -1});
        }
        for (List<Integer> p : pending) {
            flush(p, steps, runList);
        }
        stepGate = new int[steps.size()];
        stepRun = new int[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            stepGate[s] = steps.get(s)[0];
            stepRun[s] = steps.get(s)[1];
        }
        runs = runList.toArray(new int[0][]);
        runQubit = new int[runs.length];
        runDiagonal = new boolean[runs.length];
        fixedMatrix = new double[runs.length][];
        for (int r = 0; r < runs.length; r++) {
            runQubit[r] = circuit.qubit0(runs[r][0]);
            boolean diagonal = true;
            boolean fixed = true;
            for (int g : runs[r]) {
                diagonal &= diagonal(g);
                fixed &= !circuit.parametric(g);
            }
            runDiagonal[r] = diagonal;
            if (fixed) {
                fixedMatrix[r] = new double[8];
                multiplyRun(r, null, null, fixedMatrix[r], 0);
            }
        }
    }

    /** Ends the pending run of a qubit: one fused step where that pays ({@link #passCost}), else one step a gate. */
    private void flush(List<Integer> pending, List<int[]> steps, List<int[]> runList) {
        double separate = 0;
        boolean diagonal = true;
        for (int g : pending) {
            separate += passCost(g, diagonal(g), false);
            diagonal &= diagonal(g);
        }
        if (pending.size() > 1 && passCost(pending.get(0), diagonal, true) < separate) {
            steps.add(new int[] {-1, runList.size()});
            runList.add(pending.stream().mapToInt(Integer::intValue).toArray());
        } else {
            for (int g : pending) {
                steps.add(new int[] {g, -1});
            }
        }
        pending.clear();
    }

    /**
     * The cost of one pass over the state for a one-qubit gate on the qubit of g, in units of a real rotation (ry,
     * rx: 1), as measured on the JIT-compiled kernels: a dense complex 2×2 (fixed gates other than x, or a fused
     * matrix) 2, a diagonal 0.5, or 1 on the three lowest qubits where its runs are short.
     */
    private double passCost(int g, boolean isDiagonal, boolean fused) {
        if (isDiagonal) {
            return circuit.qubit0(g) < 3 ? 1 : 0.5;
        }
        GateTable.Entry e = GateTable.of(circuit.kind(g));
        return !fused && (e.family() == GateTable.Family.ROTATION || e.family() == GateTable.Family.PERMUTATION)
                ? 1 : 2;
    }

    private boolean diagonal(int g) {
        GateTable.Entry e = GateTable.of(circuit.kind(g));
        return e.family() == GateTable.Family.DIAGONAL
                || e.family() == GateTable.Family.ROTATION && e.rotation() == GateTable.Rotation.PHASE;
    }

    /** Number of kernel steps (passes over the state). */
    int stepCount() {
        return stepGate.length;
    }

    /** Length of the per-binding buffer that {@link #fuse} fills: 8 doubles per fused run. */
    int fusedLength() {
        return 8 * runs.length;
    }

    /** The matrices of the fused runs with angles, from the per-gate cos and sin of {@link CompiledCircuit#trig}. */
    void fuse(double[] cos, double[] sin, double[] fused) {
        for (int r = 0; r < runs.length; r++) {
            if (fixedMatrix[r] == null) {
                multiplyRun(r, cos, sin, fused, 8 * r);
            }
        }
    }

    /** out[offset …] = G_last ⋯ G_first for the gates of run r. */
    private void multiplyRun(int r, double[] cos, double[] sin, double[] out, int offset) {
        double[] m = {1, 0, 0, 0, 0, 0, 1, 0};
        double[] g = new double[8];
        double[] product = new double[8];
        for (int gate : runs[r]) {
            matrix(gate, cos == null ? 1 : cos[gate], sin == null ? 0 : sin[gate], g);
            multiply(g, m, product);
            System.arraycopy(product, 0, m, 0, 8);
        }
        System.arraycopy(m, 0, out, offset, 8);
    }

    /** The 2×2 matrix of one-qubit gate g given cos and sin of |w|φ, as (ar, ai, br, bi, cr, ci, dr, di). */
    private void matrix(int g, double c, double s, double[] out) {
        GateTable.Entry e = GateTable.of(circuit.kind(g));
        if (e.family() != GateTable.Family.ROTATION) {
            System.arraycopy(e.matrix(), 0, out, 0, 8);
            return;
        }
        if (e.control() != 0) {
            // exp(−iφw·|1⟩⟨1|) = diag(1, e^{−iφw}), w = −1 (p): diag(1, c + i s)
            double[] m = {1, 0, 0, 0, 0, 0, c, s};
            System.arraycopy(m, 0, out, 0, 8);
            return;
        }
        // exp(−iθP) = c·I − i s·P, with P|j⟩ = i^{k(j)}|j ⊕ x⟩: entry (j ⊕ x, j) gets −i s·i^k
        java.util.Arrays.fill(out, 0);
        out[0] = c;
        out[6] = c;
        int x = e.x();
        int z = e.z();
        for (int j = 0; j < 2; j++) {
            int k = PauliString.phaseExponent(x, z, j);
            int row = j ^ x;
            int at = 2 * (2 * row + j);
            out[at] += s * PauliString.phaseImaginary(k);
            out[at + 1] -= s * PauliString.phaseReal(k);
        }
    }

    /** out = a·b for 2×2 complex matrices. */
    private static void multiply(double[] a, double[] b, double[] out) {
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                double re = 0;
                double im = 0;
                for (int t = 0; t < 2; t++) {
                    int x = 2 * (2 * row + t);
                    int y = 2 * (2 * t + col);
                    re += a[x] * b[y] - a[x + 1] * b[y + 1];
                    im += a[x] * b[y + 1] + a[x + 1] * b[y];
                }
                out[2 * (2 * row + col)] = re;
                out[2 * (2 * row + col) + 1] = im;
            }
        }
    }

    /**
     * After which steps of a split run (index 0: clearing the state, s + 1: step s) a barrier is needed, for
     * {@code parts} shares: a share of a gate on qubits below n − log2(parts) is exactly the amplitude slice
     * [part·2^n/parts, (part + 1)·2^n/parts) when parts is a power of two, so consecutive such steps touch only their
     * own slice and need no barrier between them; a gate on a top qubit crosses slices.
     */
    boolean[] barriers(int parts) {
        int steps = stepGate.length + 1;
        boolean[] after = new boolean[steps];
        java.util.Arrays.fill(after, true);
        if (Integer.bitCount(parts) != 1) {
            return after;
        }
        int limit = circuit.qubitCount() - Integer.numberOfTrailingZeros(parts);
        boolean[] local = new boolean[steps];
        local[0] = true;
        for (int s = 0; s < stepGate.length; s++) {
            int g = stepGate[s];
            int top = g >= 0 ? Math.max(circuit.qubit0(g), circuit.qubit1(g)) : runQubit[stepRun[s]];
            local[s + 1] = top < limit;
        }
        for (int s = 0; s + 1 < steps; s++) {
            after[s] = !(local[s] && local[s + 1]);
        }
        return after;
    }

    /** Share {@code part} of {@code parts} of step s. */
    void step(int s, double[] re, double[] im, double[] cos, double[] sin, double[] fused, int part, int parts) {
        int g = stepGate[s];
        if (g >= 0) {
            circuit.apply(g, re, im, cos[g], sin[g], false, part, parts);
            return;
        }
        int r = stepRun[s];
        double[] m = fixedMatrix[r] != null ? fixedMatrix[r] : fused;
        int o = fixedMatrix[r] != null ? 0 : 8 * r;
        int q = runQubit[r];
        if (runDiagonal[r]) {
            StateKernels.diagonal1(re, im, q, m[o], m[o + 1], m[o + 6], m[o + 7], part, parts);
        } else {
            StateKernels.apply1(re, im, q, m[o], m[o + 1], m[o + 2], m[o + 3], m[o + 4], m[o + 5], m[o + 6],
                    m[o + 7], part, parts);
        }
    }
}
