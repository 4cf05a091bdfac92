package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;

/**
 * One exact operation a gate call expands into: a {@link GateKind} on qubits with its angle (null for fixed gates),
 * or, when {@code kind} is null, the global phase {@code e^{i·angle}} (kept so that a later {@code ctrl @} turns it
 * into a phase gate on the control; dropped at the top level, where it does not change any expectation value).
 */
record Op(GateKind kind, AngleExpression angle, int[] qubits) {
    static Op phase(AngleExpression angle) {
        return new Op(null, angle, new int[0]);
    }

    static Op of(GateKind kind, AngleExpression angle, int... qubits) {
        return new Op(kind, kind.parametric() ? angle : null, qubits);
    }

    static Op of(GateKind kind, double angle, int... qubits) {
        return of(kind, AngleExpression.constant(angle), qubits);
    }

    static Op fixed(GateKind kind, int... qubits) {
        return new Op(kind, null, qubits);
    }

    boolean isPhase() {
        return kind == null;
    }

    /** Structural equality (records compare arrays by identity). */
    boolean sameAs(Op o) {
        return kind == o.kind && java.util.Arrays.equals(qubits, o.qubits)
                && java.util.Objects.equals(angle, o.angle);
    }
}
