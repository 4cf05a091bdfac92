package io.qmoe.backend.statevector;

import io.qmoe.circuit.GateKind;

/**
 * The one table of implemented gates that both engines read ({@link CompiledCircuit} one binding at a time,
 * {@link LaneProgram} in lanes): each {@link GateKind} has a {@link Family} that picks its kernel family, the fixed 2×2
 * matrix of a fixed gate, and the generator of a parametric gate. Masks are given in <em>slots</em>: bit 0 stands for
 * the gate's first qubit, bit 1 for its second; {@link #bits} turns them into amplitude-index masks.
 *
 * <p>Conventions (OpenQASM 3): qubit q is bit q of the amplitude index; the first qubit of a controlled gate is the
 * control; a parametric gate is U(φ) = exp(−iφ·G) with G = w·Π_C·P, a weight w, the projector Π_C on the control bits
 * C being 1 and a Pauli string P. Immutable.
 */
final class GateTable {
    /** Kernel families: how a gate acts on the amplitudes. */
    enum Family {
        /** Does nothing. */
        IDENTITY,
        /** Exchanges the amplitude pairs (i, i ⊕ flip) for the rows i with (i ∧ mask) = value (x, cx, swap). */
        PERMUTATION,
        /** A fixed diagonal 2×2 matrix diag(a, d) on the target, on the control subspace if controlled (z, s, t, cz). */
        DIAGONAL,
        /** A fixed dense 2×2 matrix on the target, on the control subspace if controlled (h, y, sx, cy). */
        DENSE,
        /** exp(−iφ·G) for the generator G = w·Π_C·P (every parametric gate). */
        ROTATION
    }

    /** How a rotation's Pauli string acts, read off its masks: what kernel it needs. */
    enum Rotation {
        /** No X or Y: the gate is diagonal (rz, p, cp, crz, rzz). */
        PHASE,
        /** One Y and nothing else: a real rotation [[c, −s], [s, c]] on the pair (ry, cry). */
        REAL,
        /** Otherwise (an even number of Y): c − i s σ on each pair, σ = ±1 (rx, crx, rxx, ryy). */
        IMAGINARY
    }

    private static final double R = Math.sqrt(0.5);
    private static final GateKind[] KINDS = GateKind.values();
    private static final Entry[] TABLE = new Entry[KINDS.length];

    /**
     * One gate kind's row of the table. {@code matrix} is (ar, ai, br, bi, cr, ci, dr, di) of [[a, b], [c, d]] on the
     * target for fixed gates other than swap (null otherwise) and {@code inverse} its conjugate transpose; for permutations {@code mask},
     * {@code value} and {@code flip} (slots); for rotations the generator's weight and control, x and z slots.
     */
    record Entry(Family family, boolean controlled, double[] matrix, double[] inverse, int mask, int value, int flip,
                 double weight, int control, int x, int z) {
        /** The rotation kind (rotations only). */
        Rotation rotation() {
            if (x == 0) {
                return Rotation.PHASE;
            }
            return x == z && Integer.bitCount(x) == 1 ? Rotation.REAL : Rotation.IMAGINARY;
        }
    }

    static {
        put(GateKind.ID, new Entry(Family.IDENTITY, false, null, null, 0, 0, 0, 0, 0, 0, 0));
        permutation(GateKind.X, false, 1, 0, 1);
        permutation(GateKind.CX, true, 3, 1, 2);
        permutation(GateKind.SWAP, false, 3, 1, 3);
        fixed(GateKind.Z, Family.DIAGONAL, false, 1, 0, 0, 0, 0, 0, -1, 0);
        fixed(GateKind.CZ, Family.DIAGONAL, true, 1, 0, 0, 0, 0, 0, -1, 0);
        fixed(GateKind.S, Family.DIAGONAL, false, 1, 0, 0, 0, 0, 0, 0, 1);
        fixed(GateKind.SDG, Family.DIAGONAL, false, 1, 0, 0, 0, 0, 0, 0, -1);
        fixed(GateKind.T, Family.DIAGONAL, false, 1, 0, 0, 0, 0, 0, R, R);
        fixed(GateKind.TDG, Family.DIAGONAL, false, 1, 0, 0, 0, 0, 0, R, -R);
        fixed(GateKind.H, Family.DENSE, false, R, 0, R, 0, R, 0, -R, 0);
        fixed(GateKind.Y, Family.DENSE, false, 0, 0, 0, -1, 0, 1, 0, 0);
        fixed(GateKind.CY, Family.DENSE, true, 0, 0, 0, -1, 0, 1, 0, 0);
        fixed(GateKind.SX, Family.DENSE, false, 0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
        fixed(GateKind.SXDG, Family.DENSE, false, 0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5);
        // rotations R_P(φ) = exp(−iφ/2 P); p(λ) = diag(1, e^{iλ}) = exp(−iλ·(−1)·|1⟩⟨1|)
        rotation(GateKind.RX, 0.5, 0, 1, 0);
        rotation(GateKind.RY, 0.5, 0, 1, 1);
        rotation(GateKind.RZ, 0.5, 0, 0, 1);
        rotation(GateKind.P, -1, 1, 0, 0);
        rotation(GateKind.CRX, 0.5, 1, 2, 0);
        rotation(GateKind.CRY, 0.5, 1, 2, 2);
        rotation(GateKind.CRZ, 0.5, 1, 0, 2);
        rotation(GateKind.CP, -1, 3, 0, 0);
        rotation(GateKind.RXX, 0.5, 0, 3, 0);
        rotation(GateKind.RYY, 0.5, 0, 3, 3);
        rotation(GateKind.RZZ, 0.5, 0, 0, 3);
        for (GateKind k : KINDS) {
            if (TABLE[k.ordinal()] == null) {
                throw new ExceptionInInitializerError("no table entry for gate " + k);
            }
        }
    }

    private GateTable() {
    }

    private static void put(GateKind k, Entry e) {
        TABLE[k.ordinal()] = e;
    }

    private static void permutation(GateKind k, boolean controlled, int mask, int value, int flip) {
        // x and cx flip the target: [[0, 1], [1, 0]]; swap has no 2×2 form
        double[] m = k == GateKind.SWAP ? null : new double[] {0, 0, 1, 0, 1, 0, 0, 0};
        put(k, new Entry(Family.PERMUTATION, controlled, m, m, mask, value, flip, 0, 0, 0, 0));
    }

    private static void fixed(GateKind k, Family family, boolean controlled, double... m) {
        put(k, new Entry(family, controlled, m, conjugateTranspose(m), 0, 0, 0, 0, 0, 0, 0));
    }

    private static void rotation(GateKind k, double weight, int control, int x, int z) {
        put(k, new Entry(Family.ROTATION, control == 1 && k.qubits() == 2, null,
                null, 0, 0, 0, weight, control, x, z));
    }

    /** [[a, b], [c, d]]† = [[a*, c*], [b*, d*]] in the (re, im) layout. */
    static double[] conjugateTranspose(double[] m) {
        return new double[] {m[0], -m[1], m[4], -m[5], m[2], -m[3], m[6], -m[7]};
    }

    /** The table row of gate kind {@code ordinal}. */
    static Entry of(int ordinal) {
        return TABLE[ordinal];
    }

    /** The table row of {@code kind}. */
    static Entry of(GateKind kind) {
        return TABLE[kind.ordinal()];
    }

    /** A slot mask as an amplitude-index mask for a gate on qubits {@code q0} and {@code q1} (−1: none). */
    static int bits(int slots, int q0, int q1) {
        return ((slots & 1) != 0 ? 1 << q0 : 0) | ((slots & 2) != 0 ? 1 << q1 : 0);
    }

    /** The factor of the angle the kernels take cos and sin of: |w|, i.e. φ/2 for rotations and φ for p, cp. */
    static double angleFactor(Entry e) {
        return Math.abs(e.weight());
    }
}
