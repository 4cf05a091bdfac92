package io.qmoe.backend.remote;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;

/**
 * Rewrites a circuit into the native gate set of IBM's superconducting devices, {@code rz, sx, x, cx}, exact up to a
 * global phase, with angles that stay polynomials of the same inputs (so the result is still one parametric circuit
 * and every binding of a batch travels as a row of parameter values). Decompositions: h = rz(π/2)·sx·rz(π/2);
 * z, s, sdg, t, tdg, p = rz; y = x·rz(π); sxdg = x·sx; rx(θ) = h·rz(θ)·h; ry(θ) = s·rx(θ)·sdg; cz = h_t·cx·h_t;
 * cy = sdg_t·cx·s_t; swap = three cx; crz(φ) = rz(φ/2)_t·cx·rz(−φ/2)_t·cx; cry likewise with ry; crx = h_t·crz·h_t;
 * cp(λ) = rz(λ/2)_c·crz(λ); rzz = cx·rz_b·cx; rxx = (h⊗h)·rzz·(h⊗h); ryy = (s⊗s)·rxx·(sdg⊗sdg).
 * Qubit routing (connectivity) is not done: two-qubit gates stay on the qubits the circuit names.
 */
public final class NativeGateDecomposer {
    private static final AngleExpression HALF_PI = AngleExpression.constant(Math.PI / 2);

    private NativeGateDecomposer() {
    }

    /** The native-gate circuit with the same inputs, in the same order. */
    public static ParametricCircuit decompose(ParametricCircuit c) {
        ParametricCircuit.Builder b = ParametricCircuit.builder(c.qubitCount());
        c.trainableNames().forEach(b::trainable);
        c.dataNames().forEach(b::data);
        for (Gate g : c.gates()) {
            emit(b, g.kind(), g.angle(), g.qubits());
        }
        return b.build();
    }

    private static void rz(ParametricCircuit.Builder b, AngleExpression a, int q) {
        b.gate(GateKind.RZ, a, q);
    }

    private static void rz(ParametricCircuit.Builder b, double a, int q) {
        rz(b, AngleExpression.constant(a), q);
    }

    private static void h(ParametricCircuit.Builder b, int q) {
        rz(b, HALF_PI, q);
        b.gate(GateKind.SX, q);
        rz(b, HALF_PI, q);
    }

    private static void rx(ParametricCircuit.Builder b, AngleExpression a, int q) {
        h(b, q);
        rz(b, a, q);
        h(b, q);
    }

    private static void ry(ParametricCircuit.Builder b, AngleExpression a, int q) {
        rz(b, -Math.PI / 2, q);
        rx(b, a, q);
        rz(b, Math.PI / 2, q);
    }

    private static void cx(ParametricCircuit.Builder b, int c, int t) {
        b.gate(GateKind.CX, c, t);
    }

    private static void crz(ParametricCircuit.Builder b, AngleExpression a, int c, int t) {
        rz(b, a.times(0.5), t);
        cx(b, c, t);
        rz(b, a.times(-0.5), t);
        cx(b, c, t);
    }

    private static void rzz(ParametricCircuit.Builder b, AngleExpression a, int p, int q) {
        cx(b, p, q);
        rz(b, a, q);
        cx(b, p, q);
    }

    private static void emit(ParametricCircuit.Builder b, GateKind k, AngleExpression a, int[] q) {
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
            case H -> h(b, p);
            case Z -> rz(b, Math.PI, p);
            case S -> rz(b, Math.PI / 2, p);
            case SDG -> rz(b, -Math.PI / 2, p);
            case T -> rz(b, Math.PI / 4, p);
            case TDG -> rz(b, -Math.PI / 4, p);
            case Y -> {
                rz(b, Math.PI, p);
                b.gate(GateKind.X, p);
            }
            case RZ, P -> rz(b, a, p);
            case RX -> rx(b, a, p);
            case RY -> ry(b, a, p);
            case CX -> cx(b, p, t);
            case CZ -> {
                h(b, t);
                cx(b, p, t);
                h(b, t);
            }
            case CY -> {
                rz(b, -Math.PI / 2, t);
                cx(b, p, t);
                rz(b, Math.PI / 2, t);
            }
            case SWAP -> {
                cx(b, p, t);
                cx(b, t, p);
                cx(b, p, t);
            }
            case CRZ -> crz(b, a, p, t);
            case CRY -> {
                ry(b, a.times(0.5), t);
                cx(b, p, t);
                ry(b, a.times(-0.5), t);
                cx(b, p, t);
            }
            case CRX -> {
                h(b, t);
                crz(b, a, p, t);
                h(b, t);
            }
            case CP -> {
                rz(b, a.times(0.5), p);
                crz(b, a, p, t);
            }
            case RZZ -> rzz(b, a, p, t);
            case RXX -> {
                h(b, p);
                h(b, t);
                rzz(b, a, p, t);
                h(b, p);
                h(b, t);
            }
            case RYY -> {
                rz(b, -Math.PI / 2, p);
                rz(b, -Math.PI / 2, t);
                h(b, p);
                h(b, t);
                rzz(b, a, p, t);
                h(b, p);
                h(b, t);
                rz(b, Math.PI / 2, p);
                rz(b, Math.PI / 2, t);
            }
            default -> throw new IllegalArgumentException("no native decomposition for " + k);
        }
    }
}
