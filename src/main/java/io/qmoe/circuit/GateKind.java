package io.qmoe.circuit;

import java.util.Locale;
import java.util.Optional;

/**
 * The gates a {@link ParametricCircuit} can hold, with their arity and whether they carry an angle.
 *
 * <p>Conventions (the same as OpenQASM 3 {@code stdgates.inc}): qubit q is bit q of the amplitude index; rotations are
 * {@code R_P(φ) = exp(-i φ P / 2)}; {@code p(λ) = diag(1, e^{iλ})}; for controlled gates the first qubit is the control;
 * {@code rxx/ryy/rzz(φ) = exp(-i φ P⊗P / 2)}.
 */
public enum GateKind {
    ID(1, false), H(1, false), X(1, false), Y(1, false), Z(1, false),
    S(1, false), SDG(1, false), T(1, false), TDG(1, false), SX(1, false), SXDG(1, false),
    RX(1, true), RY(1, true), RZ(1, true), P(1, true),
    CX(2, false), CY(2, false), CZ(2, false), SWAP(2, false),
    CRX(2, true), CRY(2, true), CRZ(2, true), CP(2, true),
    RXX(2, true), RYY(2, true), RZZ(2, true);

    private final int qubits;
    private final boolean parametric;

    GateKind(int qubits, boolean parametric) {
        this.qubits = qubits;
        this.parametric = parametric;
    }

    /** Number of qubits the gate acts on. */
    public int qubits() {
        return qubits;
    }

    /** Whether the gate takes one angle. */
    public boolean parametric() {
        return parametric;
    }

    /** The OpenQASM 3 name of the gate (lower case). */
    public String qasmName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the gate is {@code exp(-i φ G)} with G having exactly two distinct eigenvalues ±1/2 (up to a shift), so
     * the two-term parameter-shift rule with shifts ±π/2 is exact. Controlled rotations have three distinct eigenvalues
     * (0, ±1/2) and need the four-term rule.
     */
    public boolean twoTermShiftRule() {
        return parametric && this != CRX && this != CRY && this != CRZ;
    }

    /** Looks a gate up by its OpenQASM name (case-insensitive); {@code cnot} is accepted for {@code cx}. */
    public static Optional<GateKind> fromQasmName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("cnot")) {
            return Optional.of(CX);
        }
        for (GateKind k : values()) {
            if (k.qasmName().equals(n)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
