package io.qmoe.strange;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import java.util.Map;
import org.redfx.strange.Gate;

/**
 * A Strange {@link Gate} whose angle is a named input: φ = {@link GateAngle#at coefficient · v + offset}. It runs in
 * any Strange execution environment with the value last given to {@link #bind(double)} (the matrix is rebuilt on each
 * bind, so one {@link org.redfx.strange.Program} serves every parameter set), and {@link FromStrange#toCircuit}
 * turns it into a gate of a differentiable {@link io.qmoe.circuit.ParametricCircuit} with the symbolic angle
 * {@link #circuitAngle()}. Strange gates are mutable and so are these: bind and run a program in one thread at a time.
 */
public sealed interface ParametricGate extends Gate permits TrainableRotation, TrainableControlledRotation {
    /** The qmoe gate kind: rx, ry, rz, p, crx, cry, crz or cp. */
    GateKind kind();

    /** The angle's parameter, coefficient and offset. */
    GateAngle angle();

    /** The qubits in qmoe order: the control first for controlled rotations. */
    int[] circuitQubits();

    /** Sets the value v of the parameter (finite); the matrix becomes that of φ = coefficient · v + offset. */
    void bind(double value);

    /** Binds the parameter from {@code values} when it holds it; returns whether it did. */
    default boolean bind(Map<String, Double> values) {
        Double v = values.get(angle().parameter());
        if (v == null) {
            return false;
        }
        bind(v.doubleValue());
        return true;
    }

    /** Whether a value has been bound. */
    boolean isBound();

    /** The bound value v; throws {@link IllegalStateException} naming the gate when none was bound. */
    double boundValue();

    /** Whether Strange's {@code setInverse(true)} was applied: the gate then rotates by −φ. */
    boolean isInverse();

    /** The angle the gate applies now: ±(coefficient · v + offset), negative when inverted. */
    default double currentAngle() {
        double phi = angle().at(boundValue());
        return isInverse() ? -phi : phi;
    }

    /** The symbolic angle of the gate in a circuit: the angle's expression, negated when inverted. */
    default AngleExpression circuitAngle() {
        AngleExpression e = angle().expression();
        return isInverse() ? e.times(-1.0) : e;
    }
}
