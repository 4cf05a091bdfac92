package io.qmoe.strange;

import io.qmoe.circuit.GateKind;
import org.redfx.strange.Complex;
import org.redfx.strange.gate.TwoQubitGate;

/**
 * A controlled Strange gate with a named angle, trainable or data-driven: crx, cry, crz or cp with φ = coefficient ·
 * v + offset (see {@link ParametricGate}); the first qubit is the control. crx/cry/crz apply exp(−iφP/2) to the target
 * when the control is 1 (4π-periodic in φ: use an even coefficient for a trainable angle on the torus); cp(φ) =
 * diag(1, 1, 1, e^{iφ}).
 */
public final class TrainableControlledRotation extends TwoQubitGate implements ParametricGate {
    private final AngleState state;

    private TrainableControlledRotation(int control, int target, AngleState state) {
        super(control, target);
        this.state = state;
    }

    /** The controlled rotation {@code kind} (CRX, CRY, CRZ or CP) with angle {@code angle}. */
    public static TrainableControlledRotation of(GateKind kind, int control, int target, GateAngle angle) {
        if (kind != GateKind.CRX && kind != GateKind.CRY && kind != GateKind.CRZ && kind != GateKind.CP) {
            throw new IllegalArgumentException(kind.qasmName() + " is not a controlled rotation (crx, cry, crz, cp)");
        }
        if (control < 0 || target < 0 || control == target) {
            throw new IllegalArgumentException(kind.qasmName() + " needs two different non-negative qubits, got "
                    + control + " and " + target);
        }
        return new TrainableControlledRotation(control, target, new AngleState(kind, angle, true));
    }

    /** crx(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableControlledRotation crx(int control, int target, String trainable) {
        return crx(control, target, GateAngle.trainable(trainable));
    }

    /** crx(φ). */
    public static TrainableControlledRotation crx(int control, int target, GateAngle angle) {
        return of(GateKind.CRX, control, target, angle);
    }

    /** cry(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableControlledRotation cry(int control, int target, String trainable) {
        return cry(control, target, GateAngle.trainable(trainable));
    }

    /** cry(φ). */
    public static TrainableControlledRotation cry(int control, int target, GateAngle angle) {
        return of(GateKind.CRY, control, target, angle);
    }

    /** crz(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableControlledRotation crz(int control, int target, String trainable) {
        return crz(control, target, GateAngle.trainable(trainable));
    }

    /** crz(φ). */
    public static TrainableControlledRotation crz(int control, int target, GateAngle angle) {
        return of(GateKind.CRZ, control, target, angle);
    }

    /** cp(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableControlledRotation cp(int control, int target, String trainable) {
        return cp(control, target, GateAngle.trainable(trainable));
    }

    /** cp(φ). */
    public static TrainableControlledRotation cp(int control, int target, GateAngle angle) {
        return of(GateKind.CP, control, target, angle);
    }

    /** The same gate with angle k·φ (a new gate, keeping the bound value and the inversion). */
    public TrainableControlledRotation times(int k) {
        return new TrainableControlledRotation(getMainQubitIndex(), getSecondQubitIndex(),
                state.with(state.angle().times(k)));
    }

    /** The same gate with angle φ + b (a new gate, keeping the bound value and the inversion). */
    public TrainableControlledRotation plus(double b) {
        return new TrainableControlledRotation(getMainQubitIndex(), getSecondQubitIndex(),
                state.with(state.angle().plus(b)));
    }

    @Override
    public GateKind kind() {
        return state.kind();
    }

    @Override
    public GateAngle angle() {
        return state.angle();
    }

    @Override
    public int[] circuitQubits() {
        return new int[] {getMainQubitIndex(), getSecondQubitIndex()};
    }

    @Override
    public void bind(double value) {
        state.bind(value);
    }

    @Override
    public boolean isBound() {
        return state.isBound();
    }

    @Override
    public double boundValue() {
        return state.value(this);
    }

    @Override
    public boolean isInverse() {
        return state.isInverse();
    }

    /** The 4×4 matrix diag(1, 1, U(φ)) for the bound angle; throws {@link IllegalStateException} when unbound. */
    @Override
    public Complex[][] getMatrix() {
        return state.matrix(this);
    }

    /** Inverts the rotation (angle −φ) when {@code v}, restores it otherwise. */
    @Override
    public void setInverse(boolean v) {
        super.setInverse(v);
        state.setInverse(v);
    }

    /** The gate in OpenQASM form, e.g. {@code cry(2*t0) q[0], q[1]}. */
    @Override
    public String getCaption() {
        return kind().qasmName() + "(" + circuitAngle() + ") q[" + getMainQubitIndex() + "], q["
                + getSecondQubitIndex() + "]";
    }

    @Override
    public String toString() {
        return getCaption();
    }
}
