package io.qmoe.remote;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;

/**
 * Rewrites a circuit into a native gate set of IBM's superconducting devices, {@code rz, sx, x} plus one two-qubit
 * gate — {@code cz} (Heron, the default) or {@code cx} — exact up to a global phase, with angles that stay polynomials of the same inputs (so the result is still one parametric circuit
 * and every binding of a batch travels as a row of parameter values). Decompositions: h = rz(π/2)·sx·rz(π/2);
 * z, s, sdg, t, tdg, p = rz; y = x·rz(π); sxdg = x·sx; rx(θ) = h·rz(θ)·h; ry(θ) = s·rx(θ)·sdg; cz = h_t·cx·h_t;
 * cy = sdg_t·cx·s_t; swap = three cx; crz(φ) = rz(φ/2)_t·cx·rz(−φ/2)_t·cx; cry likewise with ry; crx = h_t·crz·h_t;
 * cp(λ) = rz(λ/2)_c·crz(λ); rzz = cx·rz_b·cx; rxx = (h⊗h)·rzz·(h⊗h); ryy = (s⊗s)·rxx·(sdg⊗sdg).
 * With {@code cz} as the entangler every cx becomes h_t·cz·h_t (and h = rz·sx·rz). ECR devices are served by
 * decomposing to cx and writing each cx with one ecr when the program is emitted ({@link IbmRuntimeEstimator});
 * placement on the device's coupling map and SWAP routing are {@link CouplingRouter}'s.
 */
public final class NativeGateDecomposer {
    private static final AngleExpression HALF_PI = AngleExpression.constant(Math.PI / 2);

    /** The two-qubit gate of the target device. */
    public enum Entangler {
        /** Controlled-Z (IBM Heron). */
        CZ,
        /** CNOT. */
        CX;

        /** Parses {@code cz} or {@code cx}. */
        public static Entangler parse(String s) {
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "cz":
                    return CZ;
                case "cx":
                    return CX;
                default:
                    throw new IllegalArgumentException("native two-qubit gate must be cz or cx, got '" + s + "'");
            }
        }
    }

    private final ParametricCircuit.Builder b;
    private final Entangler entangler;

    private NativeGateDecomposer(ParametricCircuit.Builder b, Entangler entangler) {
        this.b = b;
        this.entangler = entangler;
    }

    /** The native-gate circuit (rz, sx, x, cx) with the same inputs, in the same order. */
    public static ParametricCircuit decompose(ParametricCircuit c) {
        return decompose(c, Entangler.CX);
    }

    /** The native-gate circuit with the given entangler, with the same inputs in the same order. */
    public static ParametricCircuit decompose(ParametricCircuit c, Entangler entangler) {
        ParametricCircuit.Builder builder = ParametricCircuit.builder(c.qubitCount());
        c.trainableNames().forEach(builder::trainable);
        c.dataNames().forEach(builder::data);
        NativeGateDecomposer d = new NativeGateDecomposer(builder, entangler);
        for (Gate g : c.gates()) {
            d.emit(g.kind(), g.angle(), g.qubits());
        }
        return builder.build();
    }

    private void rz(AngleExpression a, int q) {
        b.gate(GateKind.RZ, a, q);
    }

    private void rz(double a, int q) {
        rz(AngleExpression.constant(a), q);
    }

    private void h(int q) {
        rz(HALF_PI, q);
        b.gate(GateKind.SX, q);
        rz(HALF_PI, q);
    }

    private void rx(AngleExpression a, int q) {
        h(q);
        rz(a, q);
        h(q);
    }

    private void ry(AngleExpression a, int q) {
        rz(-Math.PI / 2, q);
        rx(a, q);
        rz(Math.PI / 2, q);
    }

    private void cx(int c, int t) {
        if (entangler == Entangler.CX) {
            b.gate(GateKind.CX, c, t);
        } else {
            h(t);
            b.gate(GateKind.CZ, c, t);
            h(t);
        }
    }

    private void cz(int c, int t) {
        if (entangler == Entangler.CZ) {
            b.gate(GateKind.CZ, c, t);
        } else {
            h(t);
            b.gate(GateKind.CX, c, t);
            h(t);
        }
    }

    private void crz(AngleExpression a, int c, int t) {
        rz(a.times(0.5), t);
        cx(c, t);
        rz(a.times(-0.5), t);
        cx(c, t);
    }

    private void rzz(AngleExpression a, int p, int q) {
        cx(p, q);
        rz(a, q);
        cx(p, q);
    }

    private void emit(GateKind k, AngleExpression a, int[] q) {
        int p = q[0];
        int t = q.length > 1 ? q[1] : -1;
        switch (k) {
            case ID -> { }
            case X -> b.gate(GateKind.X, p);
            case SX -> b.gate(GateKind.SX, p);
            case SXDG -> {
                b.gate(GateKind.X, p);
                b.gate(GateKind.SX, p);
            }
            case H -> h(p);
            case Z -> rz(Math.PI, p);
            case S -> rz(Math.PI / 2, p);
            case SDG -> rz(-Math.PI / 2, p);
            case T -> rz(Math.PI / 4, p);
            case TDG -> rz(-Math.PI / 4, p);
            case Y -> {
                rz(Math.PI, p);
                b.gate(GateKind.X, p);
            }
            case RZ, P -> rz(a, p);
            case RX -> rx(a, p);
            case RY -> ry(a, p);
            case CX -> cx(p, t);
            case CZ -> cz(p, t);
            case CY -> {
                rz(-Math.PI / 2, t);
                cx(p, t);
                rz(Math.PI / 2, t);
            }
            case SWAP -> {
                cx(p, t);
                cx(t, p);
                cx(p, t);
            }
            case CRZ -> crz(a, p, t);
            case CRY -> {
                ry(a.times(0.5), t);
                cx(p, t);
                ry(a.times(-0.5), t);
                cx(p, t);
            }
            case CRX -> {
                h(t);
                crz(a, p, t);
                h(t);
            }
            case CP -> {
                rz(a.times(0.5), p);
                crz(a, p, t);
            }
            case RZZ -> rzz(a, p, t);
            case RXX -> {
                h(p);
                h(t);
                rzz(a, p, t);
                h(p);
                h(t);
            }
            case RYY -> {
                rz(-Math.PI / 2, p);
                rz(-Math.PI / 2, t);
                h(p);
                h(t);
                rzz(a, p, t);
                h(p);
                h(t);
                rz(Math.PI / 2, p);
                rz(Math.PI / 2, t);
            }
            default -> throw new IllegalArgumentException("no native decomposition for " + k);
        }
    }
}
