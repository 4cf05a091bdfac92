package io.qmoe.circuit;

import java.util.Arrays;

/**
 * One gate of a {@link ParametricCircuit}: its kind, the qubits it acts on (control first), and for parametric gates
 * its angle, both as a symbolic {@link AngleExpression} and resolved to the circuit's input indices. Immutable.
 */
public final class Gate {
    private final GateKind kind;
    private final int[] qubits;
    private final AngleExpression angle;
    private final Monomial[] terms;

    Gate(GateKind kind, int[] qubits, AngleExpression angle, Monomial[] terms) {
        this.kind = kind;
        this.qubits = qubits;
        this.angle = angle;
        this.terms = terms;
    }

    /** The gate kind. */
    public GateKind kind() {
        return kind;
    }

    /** Number of qubits acted on. */
    public int arity() {
        return qubits.length;
    }

    /** The i-th qubit acted on (for controlled gates, 0 is the control and 1 the target). */
    public int qubit(int i) {
        return qubits[i];
    }

    /** A copy of the qubits acted on. */
    public int[] qubits() {
        return qubits.clone();
    }

    /** The symbolic angle; {@code null} for gates without one. */
    public AngleExpression angle() {
        return angle;
    }

    /** Number of polynomial terms in the resolved angle (0 for fixed gates). */
    public int termCount() {
        return terms.length;
    }

    /** The i-th resolved term of the angle, over the circuit's input vector. */
    public Monomial term(int i) {
        return terms[i];
    }

    /** The angle's value for the given input vector (θ followed by x); 0 for gates without an angle. */
    public double angleValue(double[] inputs) {
        double v = 0;
        for (Monomial m : terms) {
            v += m.evaluate(inputs);
        }
        return v;
    }

    /** ∂angle/∂input[index] at the given input vector. */
    public double angleDerivative(double[] inputs, int index) {
        double v = 0;
        for (Monomial m : terms) {
            v += m.derivative(inputs, index);
        }
        return v;
    }

    /** Whether the angle depends on input {@code index}. */
    public boolean dependsOn(int index) {
        for (Monomial m : terms) {
            if (m.contains(index)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.qasmName());
        if (angle != null) {
            sb.append('(').append(angle).append(')');
        }
        for (int i = 0; i < qubits.length; i++) {
            sb.append(i == 0 ? " q[" : ", q[").append(qubits[i]).append(']');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gate g && g.kind == kind && Arrays.equals(g.qubits, qubits)
                && java.util.Objects.equals(g.angle, angle);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + Arrays.hashCode(qubits)) * 31 + java.util.Objects.hashCode(angle);
    }
}
