package io.qmoe.strange;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import java.lang.reflect.Field;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.Rotation;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * The reverse direction, where it is well defined: a Strange {@link Program} of fixed standard gates becomes a
 * {@link ParametricCircuit} with constant angles. Mapped: Hadamard, X, Y, Z, Identity, RotationX, RotationY, R (→ p),
 * Cnot, Cz, Swap. {@code RotationZ} is refused: in Strange 0.1.3 it is a global phase, so translating it to a real
 * rz would change what the program computes, and dropping it silently would hide the user's intent. Other gates
 * (oracles, arithmetic, measurements, blocks) have no circuit form here and are refused by name.
 */
public final class FromStrange {
    private FromStrange() {
    }

    /** Converts a program; throws {@link IllegalArgumentException} naming the first gate it cannot convert. */
    public static ParametricCircuit toCircuit(Program program) {
        double[] alphas = program.getInitialAlphas();
        for (int j = 0; j < alphas.length; j++) {
            if (alphas[j] != 1.0) {
                throw new IllegalArgumentException("qubit " + j + " is initialised with initializeQubit (alpha "
                        + alphas[j] + "); qmoe circuits start in |0...0> and this program has no circuit form");
            }
        }
        ParametricCircuit.Builder b = ParametricCircuit.builder(program.getNumberQubits());
        int stepIndex = 0;
        for (Step step : program.getSteps()) {
            for (Gate g : step.getGates()) {
                int q = g.getMainQubitIndex();
                if (g instanceof Identity) {
                    continue;
                } else if (g instanceof Hadamard) {
                    b.h(q);
                } else if (g instanceof X) {
                    b.x(q);
                } else if (g instanceof Y) {
                    b.gate(GateKind.Y, q);
                } else if (g instanceof Z) {
                    b.gate(GateKind.Z, q);
                } else if (g instanceof RotationZ) {
                    throw new IllegalArgumentException("step " + stepIndex + ": Strange 0.1.3's RotationZ is a "
                            + "global phase, not rz; use R(phi) for a Z rotation (equal up to global phase)");
                } else if (g instanceof RotationX) {
                    b.gate(GateKind.RX, AngleExpression.constant(theta(g)), q);
                } else if (g instanceof RotationY) {
                    b.gate(GateKind.RY, AngleExpression.constant(theta(g)), q);
                } else if (g instanceof R) {
                    b.gate(GateKind.P, AngleExpression.constant(phaseAngle((R) g)), q);
                } else if (g instanceof Cnot) {
                    b.cx(q, ((Cnot) g).getSecondQubitIndex());
                } else if (g instanceof Cz) {
                    b.cz(q, ((Cz) g).getSecondQubitIndex());
                } else if (g instanceof Swap) {
                    b.gate(GateKind.SWAP, q, ((Swap) g).getSecondQubitIndex());
                } else {
                    throw new IllegalArgumentException("step " + stepIndex + ": Strange gate "
                            + g.getClass().getSimpleName() + " has no qmoe circuit form");
                }
            }
            stepIndex++;
        }
        return b.build();
    }

    /**
     * The rotation angle: the magnitude from the gate's double-precision field, the sign from its matrix, which is the
     * only place that reflects {@code setInverse(true)} (the field keeps the original angle).
     */
    private static double theta(Gate g) {
        double value;
        try {
            Field f = Rotation.class.getDeclaredField("thetav");
            f.setAccessible(true);
            value = f.getDouble(g);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the angle of " + g.getCaption(), e);
        }
        org.redfx.strange.Complex[][] m = g.getMatrix();
        // RotationX: m[1][0] = −i·sin(θ/2); RotationY: m[1][0] = sin(θ/2)
        double sine = g instanceof RotationX ? -m[1][0].i : m[1][0].r;
        boolean inverted = Math.signum(sine) != 0 && Math.signum(sine) != Math.signum(Math.sin(value / 2));
        return inverted ? -value : value;
    }

    /** R's angle, recovered from its matrix diag(1, e^{iφ}). */
    private static double phaseAngle(R g) {
        org.redfx.strange.Complex c = g.getMatrix()[1][1];
        return Math.atan2(c.i, c.r);
    }
}
