package io.qmoe.strange;

import io.qmoe.circuit.GateKind;
import org.redfx.strange.Complex;
import org.redfx.strange.gate.SingleQubitGate;

/**
 * A single-qubit Strange gate with a named angle, trainable or data-driven: rx, ry, rz or p with φ = coefficient · v +
 * offset (see {@link ParametricGate}). Matrices follow {@link GateKind}: R_P(φ) = exp(−iφP/2), p(φ) = diag(1, e^{iφ}).
 * Unlike Strange 0.1.3's {@code RotationZ} (a global phase), {@link #rz} is the exact diag(e^{−iφ/2}, e^{iφ/2}).
 *
 * <pre>{@code
 * Program p = new Program(1, new Step(TrainableRotation.ry(0, "t0").times(2)),
 *         new Step(TrainableRotation.rx(0, GateAngle.data("x0"))));
 * StrangeParameters.bind(p, Map.of("t0", 0.3, "x0", 1.2));   // then run p in Strange as usual
 * ParametricCircuit c = FromStrange.toCircuit(p);            // trainable [t0], data [x0]
 * }</pre>
 */
public final class TrainableRotation extends SingleQubitGate implements ParametricGate {
    private final AngleState state;

    private TrainableRotation(int qubit, AngleState state) {
        super(qubit);
        this.state = state;
    }

    /** The rotation {@code kind} (RX, RY, RZ or P) on {@code qubit} with angle {@code angle}. */
    public static TrainableRotation of(GateKind kind, int qubit, GateAngle angle) {
        if (kind != GateKind.RX && kind != GateKind.RY && kind != GateKind.RZ && kind != GateKind.P) {
            throw new IllegalArgumentException(kind.qasmName() + " is not a single-qubit rotation (rx, ry, rz, p)");
        }
        if (qubit < 0) {
            throw new IllegalArgumentException("qubit index " + qubit + " is negative");
        }
        return new TrainableRotation(qubit, new AngleState(kind, angle, false));
    }

    /** rx(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableRotation rx(int qubit, String trainable) {
        return rx(qubit, GateAngle.trainable(trainable));
    }

    /** rx(φ). */
    public static TrainableRotation rx(int qubit, GateAngle angle) {
        return of(GateKind.RX, qubit, angle);
    }

    /** ry(θ) with θ the trainable angle {@code trainable}. */
    public static TrainableRotation ry(int qubit, String trainable) {
        return ry(qubit, GateAngle.trainable(trainable));
    }

    /** ry(φ). */
    public static TrainableRotation ry(int qubit, GateAngle angle) {
        return of(GateKind.RY, qubit, angle);
    }

    /** rz(θ), the exact diag(e^{−iθ/2}, e^{iθ/2}), with θ the trainable angle {@code trainable}. */
    public static TrainableRotation rz(int qubit, String trainable) {
        return rz(qubit, GateAngle.trainable(trainable));
    }

    /** rz(φ), the exact diag(e^{−iφ/2}, e^{iφ/2}). */
    public static TrainableRotation rz(int qubit, GateAngle angle) {
        return of(GateKind.RZ, qubit, angle);
    }

    /** p(θ) = diag(1, e^{iθ}) with θ the trainable angle {@code trainable}. */
    public static TrainableRotation p(int qubit, String trainable) {
        return p(qubit, GateAngle.trainable(trainable));
    }

    /** p(φ) = diag(1, e^{iφ}). */
    public static TrainableRotation p(int qubit, GateAngle angle) {
        return of(GateKind.P, qubit, angle);
    }

    /** The same gate with angle k·φ (a new gate, keeping the bound value and the inversion). */
    public TrainableRotation times(int k) {
        return new TrainableRotation(getMainQubitIndex(), state.with(state.angle().times(k)));
    }

    /** The same gate with angle φ + b (a new gate, keeping the bound value and the inversion). */
    public TrainableRotation plus(double b) {
        return new TrainableRotation(getMainQubitIndex(), state.with(state.angle().plus(b)));
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
        return new int[] {getMainQubitIndex()};
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

    /** The 2×2 matrix for the bound angle; throws {@link IllegalStateException} when no value is bound. */
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

    /** The gate in OpenQASM form, e.g. {@code ry(2*t0) q[0]}. */
    @Override
    public String getCaption() {
        return kind().qasmName() + "(" + circuitAngle() + ") q[" + getMainQubitIndex() + "]";
    }

    @Override
    public String toString() {
        return getCaption();
    }
}
