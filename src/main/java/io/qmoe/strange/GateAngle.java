package io.qmoe.strange;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.InputKind;

/**
 * The angle of a {@link ParametricGate}: φ = coefficient · v + offset, where v is the value of one named input,
 * either a trainable angle θ (a coordinate on the torus) or a data feature x. An integer coefficient keeps f 2π-periodic in θ
 * (an even one for controlled rotations, see {@link io.qmoe.circuit.ParametricCircuit#periodicityViolations()}).
 * Immutable.
 *
 * @param parameter the input's name, a valid circuit input name (letters, digits, underscore; not pi, tau or euler)
 * @param role whether the input is trainable or a data feature
 * @param coefficient the integer multiplying the input, not 0
 * @param offset the constant added, finite
 */
public record GateAngle(String parameter, InputKind role, int coefficient, double offset) {
    /** Checks the name, the coefficient and the offset. */
    public GateAngle {
        if (parameter == null || !parameter.matches("[A-Za-z_][A-Za-z0-9_]*") || parameter.equals("pi")
                || parameter.equals("tau") || parameter.equals("euler")) {
            throw new IllegalArgumentException("'" + parameter + "' is not a valid parameter name");
        }
        if (role == null) {
            throw new IllegalArgumentException("parameter '" + parameter + "' needs a role (trainable or data)");
        }
        if (coefficient == 0) {
            throw new IllegalArgumentException("parameter '" + parameter + "' has coefficient 0");
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("parameter '" + parameter + "' has a non-finite offset " + offset);
        }
    }

    /** φ = θ for the trainable angle {@code name}. */
    public static GateAngle trainable(String name) {
        return new GateAngle(name, InputKind.TRAINABLE, 1, 0);
    }

    /** φ = x for the data feature {@code name}. */
    public static GateAngle data(String name) {
        return new GateAngle(name, InputKind.DATA, 1, 0);
    }

    /** k · φ = (k·coefficient) · v + k·offset. */
    public GateAngle times(int k) {
        return new GateAngle(parameter, role, Math.multiplyExact(coefficient, k), offset * k);
    }

    /** φ + b. */
    public GateAngle plus(double b) {
        return new GateAngle(parameter, role, coefficient, offset + b);
    }

    /** The angle for the input value {@code value}: coefficient · value + offset. */
    public double at(double value) {
        return coefficient * value + offset;
    }

    /** The angle as a circuit expression, {@code coefficient*parameter + offset}. */
    public AngleExpression expression() {
        return AngleExpression.input(parameter).times(coefficient).plus(AngleExpression.constant(offset));
    }

    /** OpenQASM-style text of the angle, e.g. {@code 2*t0 + pi/4}. */
    @Override
    public String toString() {
        return expression().toString();
    }
}
