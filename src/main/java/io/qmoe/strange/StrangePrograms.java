package io.qmoe.strange;

import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import java.util.ArrayList;
import java.util.List;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * Turns a {@link ParametricCircuit} and one binding of its inputs into a Strange 0.1.3 {@link Program}, one gate per
 * {@link Step}, exact up to a global phase. Strange's own gates are used where their convention matches OpenQASM's
 * (Hadamard, X, Y, Z, RotationX, RotationY, R = diag(1, e^{iφ}), Cnot, Cz, Swap); the rest are decomposed:
 * <ul>
 *   <li>rz(φ) → R(φ): Strange 0.1.3's RotationZ is a global phase (a no-op), so it is never used; R(φ) equals rz(φ) up
 *   to the global phase e^{iφ/2}. s, sdg, t, tdg, p map to R with their angles.</li>
 *   <li>sx, sxdg → SingleQubitMatrixGate with the exact matrix.</li>
 *   <li>cy = sdg(t)·cx·s(t); crz(φ) = rz(φ/2)_t·cx·rz(−φ/2)_t·cx; cry likewise with ry; crx = h_t·crz·h_t;
 *   cp(λ) = p(λ/2)_c·crz(λ); rzz(φ) = cx·rz(φ)_b·cx; rxx = h⊗h·rzz·h⊗h; ryy = (s⊗s)·rxx·(sdg⊗sdg).</li>
 * </ul>
 * A {@code Program} caches its result and must not be shared between threads; build one per binding.
 */
public final class StrangePrograms {
    private StrangePrograms() {
    }

    /** The Program for one input vector {@code [θ…, x…]}. */
    public static Program toProgram(ParametricCircuit circuit, double[] inputs) {
        circuit.checkBindings(new double[][] {inputs});
        List<Step> steps = new ArrayList<>();
        for (Gate g : circuit.gates()) {
            emit(g, g.angleValue(inputs), steps);
        }
        if (steps.isEmpty()) {
            // Strange 0.1.3 cannot run a program without steps (its Result indexes step −1)
            steps.add(new Step(new Identity(0)));
        }
        Program p = new Program(circuit.qubitCount());
        for (Step s : steps) {
            p.addStep(s);
        }
        return p;
    }

    private static void emit(Gate g, double phi, List<Step> out) {
        int a = g.qubit(0);
        int b = g.arity() > 1 ? g.qubit(1) : -1;
        switch (g.kind()) {
            case ID -> { }
            case H -> out.add(new Step(new Hadamard(a)));
            case X -> out.add(new Step(new X(a)));
            case Y -> out.add(new Step(new Y(a)));
            case Z -> out.add(new Step(new Z(a)));
            case S -> phase(out, a, Math.PI / 2);
            case SDG -> phase(out, a, -Math.PI / 2);
            case T -> phase(out, a, Math.PI / 4);
            case TDG -> phase(out, a, -Math.PI / 4);
            case SX -> out.add(new Step(new SingleQubitMatrixGate(a, sqrtX(1))));
            case SXDG -> out.add(new Step(new SingleQubitMatrixGate(a, sqrtX(-1))));
            case RX -> out.add(new Step(new RotationX(phi, a)));
            case RY -> out.add(new Step(new RotationY(phi, a)));
            case RZ, P -> phase(out, a, phi);
            case CX -> out.add(new Step(new Cnot(a, b)));
            case CY -> {
                phase(out, b, -Math.PI / 2);
                out.add(new Step(new Cnot(a, b)));
                phase(out, b, Math.PI / 2);
            }
            case CZ -> out.add(new Step(new Cz(a, b)));
            case SWAP -> out.add(new Step(new Swap(a, b)));
            case CRZ -> controlledZRotation(out, a, b, phi);
            case CRY -> {
                out.add(new Step(new RotationY(phi / 2, b)));
                out.add(new Step(new Cnot(a, b)));
                out.add(new Step(new RotationY(-phi / 2, b)));
                out.add(new Step(new Cnot(a, b)));
            }
            case CRX -> {
                out.add(new Step(new Hadamard(b)));
                controlledZRotation(out, a, b, phi);
                out.add(new Step(new Hadamard(b)));
            }
            case CP -> {
                phase(out, a, phi / 2);
                controlledZRotation(out, a, b, phi);
            }
            case RZZ -> zz(out, a, b, phi);
            case RXX -> {
                out.add(new Step(new Hadamard(a)));
                out.add(new Step(new Hadamard(b)));
                zz(out, a, b, phi);
                out.add(new Step(new Hadamard(a)));
                out.add(new Step(new Hadamard(b)));
            }
            case RYY -> {
                phase(out, a, -Math.PI / 2);
                phase(out, b, -Math.PI / 2);
                out.add(new Step(new Hadamard(a)));
                out.add(new Step(new Hadamard(b)));
                zz(out, a, b, phi);
                out.add(new Step(new Hadamard(a)));
                out.add(new Step(new Hadamard(b)));
                phase(out, a, Math.PI / 2);
                phase(out, b, Math.PI / 2);
            }
            default -> throw new IllegalArgumentException("no Strange form for gate " + g.kind());
        }
    }

    private static void phase(List<Step> out, int q, double phi) {
        out.add(new Step(new R(phi, q)));
    }

    /** crz(φ) = rz(φ/2)_t · cx · rz(−φ/2)_t · cx, with rz as the phase gate (the global phases cancel). */
    private static void controlledZRotation(List<Step> out, int c, int t, double phi) {
        phase(out, t, phi / 2);
        out.add(new Step(new Cnot(c, t)));
        phase(out, t, -phi / 2);
        out.add(new Step(new Cnot(c, t)));
    }

    private static void zz(List<Step> out, int a, int b, double phi) {
        out.add(new Step(new Cnot(a, b)));
        phase(out, b, phi);
        out.add(new Step(new Cnot(a, b)));
    }

    private static Complex[][] sqrtX(int sign) {
        return new Complex[][] {
            {new Complex(0.5, 0.5 * sign), new Complex(0.5, -0.5 * sign)},
            {new Complex(0.5, -0.5 * sign), new Complex(0.5, 0.5 * sign)}
        };
    }
}
