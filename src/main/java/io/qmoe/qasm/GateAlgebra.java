package io.qmoe.qasm;

import static io.qmoe.circuit.GateKind.CP;
import static io.qmoe.circuit.GateKind.CRZ;
import static io.qmoe.circuit.GateKind.CX;
import static io.qmoe.circuit.GateKind.H;
import static io.qmoe.circuit.GateKind.RY;
import static io.qmoe.circuit.GateKind.RZ;
import static io.qmoe.circuit.GateKind.S;
import static io.qmoe.circuit.GateKind.SDG;
import static io.qmoe.circuit.GateKind.T;
import static io.qmoe.circuit.GateKind.TDG;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The two gate modifiers as exact rewrites of operation lists into {@link GateKind}s: the inverse
 * {@code (U_k ⋯ U_1)^{-1} = U_1^{-1} ⋯ U_k^{-1}} and the controlled version {@code C(U_k ⋯ U_1) = C(U_k) ⋯ C(U_1)},
 * each factor rewritten exactly (global phases included: {@code C(e^{iγ}) = p(γ)} on the control).
 *
 * <p>Controlled forms: a Pauli or rotation gains its controlled kind ({@code C(S) = cp(π/2)}, {@code C(SX) =
 * crx(π/2)·p(π/4)} on the control, {@code C(H) = ry(π/4)·cz·ry(−π/4)}); a controlled two-qubit gate with a second
 * control uses the Toffoli network of Nielsen and Chuang (Fig. 4.9) for cx/cy/cz/swap and Barenco et al.'s
 * {@code C²U = CV·CX·CV†·CX·CV} with {@code V² = U} for cp/crx/cry/crz; rxx/ryy/rzz are {@code B·cx·rz·cx·B†} and only
 * their rz gains the control.
 */
final class GateAlgebra {
    private GateAlgebra() {
    }

    /** The exact inverse of the product of {@code ops} (applied in list order). */
    static List<Op> inverse(List<Op> ops) {
        List<Op> out = new ArrayList<>(ops.size());
        for (int i = ops.size() - 1; i >= 0; i--) {
            out.add(inverse(ops.get(i)));
        }
        return out;
    }

    private static Op inverse(Op o) {
        if (o.isPhase() || o.kind().parametric()) {
            return new Op(o.kind(), o.angle().times(-1.0), o.qubits());
        }
        GateKind k = switch (o.kind()) {
            case S -> SDG;
            case SDG -> S;
            case T -> TDG;
            case TDG -> T;
            case SX -> GateKind.SXDG;
            case SXDG -> GateKind.SX;
            default -> o.kind(); // id, h, x, y, z, cx, cy, cz, swap are their own inverses
        };
        return Op.fixed(k, o.qubits());
    }

    /** The k-th power of the product of {@code ops}: k copies, or |k| copies of the inverse when k is negative. */
    static List<Op> power(List<Op> ops, int k) {
        List<Op> one = k < 0 ? inverse(ops) : ops;
        List<Op> out = new ArrayList<>(one.size() * Math.abs(k));
        for (int i = 0; i < Math.abs(k); i++) {
            out.addAll(one);
        }
        return out;
    }

    /**
     * The controlled version on control qubit {@code c}; when {@code negative}, controlled on |0⟩ instead:
     * {@code x(c) · C(U) · x(c)}.
     */
    static List<Op> controlled(List<Op> ops, int c, boolean negative) {
        List<Op> r = controlled(ops, c);
        if (!negative) {
            return r;
        }
        List<Op> out = new ArrayList<>(r.size() + 2);
        out.add(Op.fixed(GateKind.X, c));
        out.addAll(r);
        out.add(Op.fixed(GateKind.X, c));
        return out;
    }

    /** The exact controlled version, with control qubit {@code c}, of the product of {@code ops}. */
    static List<Op> controlled(List<Op> ops, int c) {
        List<Op> out = new ArrayList<>();
        for (Op o : ops) {
            controlled(o, c, out);
        }
        return out;
    }

    private static void controlled(Op o, int c, List<Op> out) {
        if (o.isPhase()) {
            out.add(Op.of(GateKind.P, o.angle(), c));
            return;
        }
        int[] q = o.qubits();
        AngleExpression a = o.angle();
        switch (o.kind()) {
            case ID -> { }
            case X -> out.add(Op.fixed(CX, c, q[0]));
            case Y -> out.add(Op.fixed(GateKind.CY, c, q[0]));
            case Z -> out.add(Op.fixed(GateKind.CZ, c, q[0]));
            case S -> out.add(Op.of(CP, Math.PI / 2, c, q[0]));
            case SDG -> out.add(Op.of(CP, -Math.PI / 2, c, q[0]));
            case T -> out.add(Op.of(CP, Math.PI / 4, c, q[0]));
            case TDG -> out.add(Op.of(CP, -Math.PI / 4, c, q[0]));
            case H -> {
                out.add(Op.of(RY, -Math.PI / 4, q[0]));
                out.add(Op.fixed(GateKind.CZ, c, q[0]));
                out.add(Op.of(RY, Math.PI / 4, q[0]));
            }
            case SX, SXDG -> { // sx = e^{iπ/4} rx(π/2), sxdg = e^{-iπ/4} rx(-π/2)
                double sign = o.kind() == GateKind.SX ? 1 : -1;
                out.add(Op.of(GateKind.CRX, sign * Math.PI / 2, c, q[0]));
                out.add(Op.of(GateKind.P, sign * Math.PI / 4, c));
            }
            case RX -> out.add(Op.of(GateKind.CRX, a, c, q[0]));
            case RY -> out.add(Op.of(GateKind.CRY, a, c, q[0]));
            case RZ -> out.add(Op.of(CRZ, a, c, q[0]));
            case P -> out.add(Op.of(CP, a, c, q[0]));
            case CX -> toffoli(c, q[0], q[1], out);
            case CY -> {
                out.add(Op.fixed(SDG, q[1]));
                toffoli(c, q[0], q[1], out);
                out.add(Op.fixed(S, q[1]));
            }
            case CZ -> {
                out.add(Op.fixed(H, q[1]));
                toffoli(c, q[0], q[1], out);
                out.add(Op.fixed(H, q[1]));
            }
            case SWAP -> {
                out.add(Op.fixed(CX, q[1], q[0]));
                toffoli(c, q[0], q[1], out);
                out.add(Op.fixed(CX, q[1], q[0]));
            }
            case CP, CRX, CRY, CRZ -> {
                AngleExpression half = a.times(0.5);
                out.add(Op.of(o.kind(), half, q[0], q[1]));
                out.add(Op.fixed(CX, c, q[0]));
                out.add(Op.of(o.kind(), half.times(-1.0), q[0], q[1]));
                out.add(Op.fixed(CX, c, q[0]));
                out.add(Op.of(o.kind(), half, c, q[1]));
            }
            case RXX, RYY, RZZ -> {
                for (Op d : GateSpec.decomposition(o.kind(), a, q)) {
                    out.add(d.kind() == RZ ? Op.of(CRZ, d.angle(), c, d.qubits()[0]) : d);
                }
            }
            default -> throw new IllegalStateException("no controlled form for " + o.kind());
        }
    }

    /** Exact Toffoli gate (controls a, b; target t) in h, t, tdg and cx (Nielsen and Chuang, Fig. 4.9). */
    static void toffoli(int a, int b, int t, List<Op> out) {
        out.add(Op.fixed(H, t));
        out.add(Op.fixed(CX, b, t));
        out.add(Op.fixed(TDG, t));
        out.add(Op.fixed(CX, a, t));
        out.add(Op.fixed(T, t));
        out.add(Op.fixed(CX, b, t));
        out.add(Op.fixed(TDG, t));
        out.add(Op.fixed(CX, a, t));
        out.add(Op.fixed(T, b));
        out.add(Op.fixed(T, t));
        out.add(Op.fixed(H, t));
        out.add(Op.fixed(CX, a, b));
        out.add(Op.fixed(T, a));
        out.add(Op.fixed(TDG, b));
        out.add(Op.fixed(CX, a, b));
    }
}
