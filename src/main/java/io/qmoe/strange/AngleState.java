package io.qmoe.strange;

import io.qmoe.circuit.GateKind;
import org.redfx.strange.Complex;

/**
 * The mutable part of a {@link ParametricGate}, shared by the single-qubit and the controlled form: the bound value,
 * the inversion flag and the Strange matrix built from them (rebuilt only when one of them changes).
 */
final class AngleState {
    private final GateKind kind;
    private final GateAngle angle;
    private final boolean controlled;
    private double value = Double.NaN;
    private boolean inverse;
    private Complex[][] matrix;

    AngleState(GateKind kind, GateAngle angle, boolean controlled) {
        this.kind = kind;
        this.angle = angle;
        this.controlled = controlled;
    }

    /** A copy with another angle, keeping the bound value and the inversion. */
    AngleState with(GateAngle other) {
        AngleState s = new AngleState(kind, other, controlled);
        s.value = value;
        s.inverse = inverse;
        return s;
    }

    GateKind kind() {
        return kind;
    }

    GateAngle angle() {
        return angle;
    }

    void bind(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter '" + angle.parameter() + "' cannot be bound to " + v);
        }
        value = v;
        matrix = null;
    }

    boolean isBound() {
        return !Double.isNaN(value);
    }

    /** The bound value; {@code owner} names the gate in the error when none is bound. */
    double value(ParametricGate owner) {
        if (!isBound()) {
            throw new IllegalStateException("parameter '" + angle.parameter() + "' of " + owner.getCaption()
                    + " is not bound; call bind on the gate or StrangeParameters.bind on the program");
        }
        return value;
    }

    void setInverse(boolean v) {
        inverse = v;
        matrix = null;
    }

    boolean isInverse() {
        return inverse;
    }

    /** The Strange matrix for the current angle (2×2, or 4×4 diag(1, 1, U) when controlled). */
    Complex[][] matrix(ParametricGate owner) {
        if (matrix == null) {
            double phi = angle.at(value(owner));
            GateKind base = switch (kind) {
                case CRX -> GateKind.RX;
                case CRY -> GateKind.RY;
                case CRZ -> GateKind.RZ;
                case CP -> GateKind.P;
                default -> kind;
            };
            double[][] u = StrangeMatrices.single(base, inverse ? -phi : phi);
            matrix = controlled ? StrangeMatrices.controlledToStrange(u) : StrangeMatrices.toStrange(u);
        }
        return matrix;
    }
}
