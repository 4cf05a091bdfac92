package io.qmoe.strange;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.InputKind;
import io.qmoe.circuit.ParametricCircuit;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redfx.strange.Complex;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.Rotation;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.gate.SingleQubitMatrixGate;
import org.redfx.strange.gate.Swap;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;
import org.redfx.strange.gate.Y;
import org.redfx.strange.gate.Z;

/**
 * A Strange {@link Program} as a {@link ParametricCircuit}, gate by gate, step by step:
 * <ul>
 *   <li>{@link ParametricGate}s ({@link TrainableRotation}, {@link TrainableControlledRotation}) keep their symbolic
 *   angle. The circuit's trainable angles are the trainable parameters in order of first use (step by step, and within
 *   a step in the order the gates were added), then its data features likewise: the input vector is
 *   {@code [θ…, x…]} in that order. A name used both as trainable and as data is refused.</li>
 *   <li>Hadamard, X, Y, Z, RotationX, RotationY, R (→ p), Cnot, Cz, Swap, Cr (→ cp with the angle of its float
 *   matrix, snapped to m·π/2^k when within 2e-7 of one, see {@link #dyadicMultipleOfPi})
 *   map to one gate with a constant angle; Identity and Measurement map to nothing (Strange's Measurement leaves the
 *   state unchanged: the measured values are drawn from the final state).</li>
 *   <li>SingleQubitMatrixGate (and a Rotation that is none of the three axis classes): the known fixed gate (id, x, y,
 *   z, h, s, sdg, t, tdg, sx, sxdg) it equals up to a global phase, to 1e-6 per entry (Strange stores floats);
 *   otherwise its ZYZ form rz(δ)·ry(γ)·rz(β) (applied in that order), equal to it up to a global phase to 1e-5.
 *   A matrix that is not unitary to 1e-5 is refused.</li>
 *   <li>Toffoli(a, b, c), controls a and b, target c (as its matrix says): the exact six-CNOT decomposition
 *   h c; cx b,c; tdg c; cx a,c; t c; cx b,c; tdg c; cx a,c; t b; t c; h c; cx a,b; t a; tdg b; cx a,b — equal to the
 *   controlled-controlled-X for every qubit order (Strange 0.1.3's own Toffoli is not, for some orders).</li>
 *   <li>RotationZ (and a Rotation about the Z axis) is refused: in Strange 0.1.3 it is a global phase, so translating
 *   it to a real rz would change what the program computes, and dropping it would hide the user's intent.</li>
 *   <li>A program whose qubits were set with {@code initializeQubit} is refused (qmoe circuits start in |0…0⟩).</li>
 *   <li>Everything else throws an {@link UnsupportedGateException} naming the step and the gate class.</li>
 * </ul>
 * The global phases dropped above do not change any expectation value. {@link FastExecutionEnvironment} uses the same
 * translation in a faithful mode that keeps every phase, Strange's initial states and its RotationZ.
 */
public final class FromStrange {
    private static final GateKind[] FIXED = {
        GateKind.ID, GateKind.X, GateKind.Y, GateKind.Z, GateKind.H, GateKind.S, GateKind.SDG, GateKind.T,
        GateKind.TDG, GateKind.SX, GateKind.SXDG
    };
    private static final double KNOWN_TOLERANCE = 1e-6;
    private static final double UNITARY_TOLERANCE = 1e-5;
    /** Global phases smaller than this (float rounding of Strange's matrices) are not emitted in faithful mode. */
    private static final double PHASE_FLOOR = 1e-7;
    /** How far (float rounding of a unit-modulus entry) an angle read from a matrix may be from m·π/2^k to snap. */
    private static final double SNAP = 2e-7;

    private FromStrange() {
    }

    /**
     * The circuit of a program (see the class comment for the mapping and the input order). Throws
     * {@link UnsupportedGateException} for a gate without circuit form and {@link IllegalArgumentException} for the
     * other refusals; neither needs the parametric gates to be bound.
     */
    public static ParametricCircuit toCircuit(Program program) {
        return new Translator(program, false).run().circuit();
    }

    /**
     * A circuit and the input vector of the current bindings that reproduce {@code Result.getProbability()} of
     * Strange's own environment exactly, global phase included: initialised qubits start with ry(2·acos α) on bit
     * n−1−j (where Strange 0.1.3 puts qubit j's α), RotationZ and matrix gates keep their global phase (as
     * p(2γ)·rz(−2γ) on their qubit). Every parametric gate must be bound.
     */
    static Translation faithful(Program program) {
        return new Translator(program, true).run();
    }

    /**
     * A translated program: the circuit; its input vector {@code [θ…, x…]} from the gates' bound values (faithful
     * mode only); the number of gates that prepare the initial state; and, for each Strange step, the circuit's gate
     * count at the end of that step (step s is gates [stepEnds[s−1], stepEnds[s]), step 0 starts after the prefix).
     */
    record Translation(ParametricCircuit circuit, double[] inputs, int prefix, int[] stepEnds) {
    }

    /** One translation: the builder, the inputs met so far, the current step. */
    private static final class Translator {
        private final Program program;
        private final boolean faithful;
        private final ParametricCircuit.Builder b;
        private final Map<String, InputKind> roles = new LinkedHashMap<>();
        private final Map<String, Double> values = new LinkedHashMap<>();
        private int step;
        private int gates;

        Translator(Program program, boolean faithful) {
            this.program = program;
            this.faithful = faithful;
            this.b = ParametricCircuit.builder(program.getNumberQubits());
        }

        Translation run() {
            initialState();
            int prefix = gates;
            List<Step> steps = program.getSteps();
            int[] stepEnds = new int[steps.size()];
            for (step = 0; step < steps.size(); step++) {
                for (Gate g : steps.get(step).getGates()) {
                    try {
                        gate(g);
                    } catch (UnsupportedGateException e) {
                        throw e;
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("step " + step + ": " + e.getMessage(), e);
                    }
                }
                stepEnds[step] = gates;
            }
            List<String> trainable = new ArrayList<>();
            List<String> data = new ArrayList<>();
            roles.forEach((n, r) -> (r == InputKind.TRAINABLE ? trainable : data).add(n));
            b.trainable(trainable.toArray(new String[0])).data(data.toArray(new String[0]));
            ParametricCircuit circuit = b.build();
            double[] inputs = null;
            if (faithful) {
                inputs = new double[circuit.inputCount()];
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = values.get(circuit.allNames().get(i));
                }
            }
            return new Translation(circuit, inputs, prefix, stepEnds);
        }

        private void initialState() {
            double[] alphas = program.getInitialAlphas();
            int n = program.getNumberQubits();
            for (int j = 0; j < alphas.length; j++) {
                if (alphas[j] == 1.0) {
                    continue;
                }
                if (!faithful) {
                    throw new IllegalArgumentException("qubit " + j + " is initialised with initializeQubit (alpha "
                            + alphas[j] + "); qmoe circuits start in |0...0> and this program has no circuit form");
                }
                if (!(alphas[j] >= -1 && alphas[j] <= 1)) {
                    throw new IllegalArgumentException("qubit " + j + " has initial alpha " + alphas[j]
                            + ", outside [-1, 1]");
                }
                // Strange: alpha on |0>, sqrt(1 - alpha²) on |1>, applied to bit n-1-j
                constant(GateKind.RY, 2 * Math.acos(alphas[j]), n - 1 - j);
            }
        }

        private void gate(Gate g) {
            int q = g.getMainQubitIndex();
            if (g instanceof ParametricGate pg) {
                parametric(pg);
            } else if (g instanceof Identity || g instanceof Measurement) {
                return;
            } else if (g instanceof Hadamard) {
                fixed(GateKind.H, q);
            } else if (g instanceof X) {
                fixed(GateKind.X, q);
            } else if (g instanceof Y) {
                fixed(GateKind.Y, q);
            } else if (g instanceof Z) {
                fixed(GateKind.Z, q);
            } else if (g instanceof RotationZ && !faithful) {
                throw rotationZ();
            } else if (g instanceof RotationX) {
                constant(GateKind.RX, theta(g), q);
            } else if (g instanceof RotationY) {
                constant(GateKind.RY, theta(g), q);
            } else if (g instanceof R r) {
                constant(GateKind.P, phaseAngle(r), q);
            } else if (g instanceof SingleQubitMatrixGate || g instanceof Rotation) {
                matrix(g, q);
            } else if (g instanceof Cnot c) {
                fixed(GateKind.CX, q, c.getSecondQubitIndex());
            } else if (g instanceof Cz c) {
                fixed(GateKind.CZ, q, c.getSecondQubitIndex());
            } else if (g instanceof Swap s) {
                fixed(GateKind.SWAP, q, s.getSecondQubitIndex());
            } else if (g instanceof Cr cr) {
                Complex c = cr.getMatrix()[3][3];
                add(GateKind.CP, AngleExpression.constant(dyadicMultipleOfPi(StrictMath.atan2(c.i, c.r))), q,
                        cr.getSecondQubitIndex());
            } else if (g instanceof Toffoli t) {
                toffoli(t.getMainQubit(), t.getSecondQubit(), t.getThirdQubit());
            } else {
                throw new UnsupportedGateException(step, g.getClass().getSimpleName());
            }
        }

        private void parametric(ParametricGate g) {
            GateAngle a = g.angle();
            InputKind before = roles.putIfAbsent(a.parameter(), a.role());
            if (before != null && before != a.role()) {
                throw new IllegalArgumentException("parameter '" + a.parameter() + "' is used as "
                        + name(before) + " and, in " + g.getCaption() + ", as " + name(a.role()));
            }
            if (faithful) {
                double v = g.boundValue();
                Double other = values.putIfAbsent(a.parameter(), v);
                if (other != null && other != v) {
                    throw new IllegalArgumentException("parameter '" + a.parameter() + "' is bound to " + other
                            + " in one gate and to " + v + " in " + g.getCaption());
                }
            }
            add(g.kind(), g.circuitAngle(), g.circuitQubits());
        }

        private static String name(InputKind k) {
            return k == InputKind.TRAINABLE ? "a trainable angle" : "a data feature";
        }

        private static IllegalArgumentException rotationZ() {
            return new IllegalArgumentException("Strange 0.1.3's RotationZ is a global phase, not rz; use "
                    + "TrainableRotation.rz or R(phi) for a Z rotation");
        }

        private void constant(GateKind kind, double angle, int q) {
            add(kind, AngleExpression.constant(angle), q);
        }

        private void fixed(GateKind kind, int... qubits) {
            add(kind, null, qubits);
        }

        /** Every gate goes through here, so the gate count at the end of each step is known. */
        private void add(GateKind kind, AngleExpression angle, int... qubits) {
            b.gate(kind, angle, qubits);
            gates++;
        }

        /** A matrix gate: a known gate or its ZYZ form, with its global phase in faithful mode. */
        private void matrix(Gate g, int q) {
            double[][] u = StrangeMatrices.fromStrange(g.getMatrix());
            double[][] product = StrangeMatrices.multiply(adjoint(u), u);
            double[][] identity = StrangeMatrices.single(GateKind.ID, 0);
            if (Double.isNaN(StrangeMatrices.phaseBetween(product, identity, UNITARY_TOLERANCE))
                    || Math.abs(product[0][0] - 1) > UNITARY_TOLERANCE) {
                throw new IllegalArgumentException(g.getClass().getSimpleName() + " on qubit " + q
                        + " is not unitary");
            }
            for (GateKind k : FIXED) {
                double gamma = StrangeMatrices.phaseBetween(u, StrangeMatrices.single(k, 0), KNOWN_TOLERANCE);
                if (!Double.isNaN(gamma)) {
                    if (k != GateKind.ID) {
                        fixed(k, q);
                    } else if (!faithful && g instanceof Rotation && Math.abs(gamma) > PHASE_FLOOR) {
                        // Rotation(θ, ZAxis) is RotationZ's global phase under another name
                        throw rotationZ();
                    }
                    globalPhase(gamma, q);
                    return;
                }
            }
            double[] zyz = zyz(u);
            double[][] rebuilt = StrangeMatrices.multiply(StrangeMatrices.single(GateKind.RZ, zyz[0]),
                    StrangeMatrices.multiply(StrangeMatrices.single(GateKind.RY, zyz[1]),
                            StrangeMatrices.single(GateKind.RZ, zyz[2])));
            double gamma = StrangeMatrices.phaseBetween(u, rebuilt, UNITARY_TOLERANCE);
            if (Double.isNaN(gamma)) {
                throw new IllegalStateException("ZYZ decomposition failed for " + g.getClass().getSimpleName()
                        + " on qubit " + q);
            }
            constant(GateKind.RZ, zyz[2], q);
            constant(GateKind.RY, zyz[1], q);
            constant(GateKind.RZ, zyz[0], q);
            globalPhase(gamma, q);
        }

        /** e^{iγ}·I on qubit q as p(2γ)·rz(−2γ), in faithful mode only (expectation values do not see it). */
        private void globalPhase(double gamma, int q) {
            if (faithful && Math.abs(gamma) > PHASE_FLOOR) {
                constant(GateKind.P, 2 * gamma, q);
                constant(GateKind.RZ, -2 * gamma, q);
            }
        }

        private void toffoli(int a, int c, int t) {
            fixed(GateKind.H, t);
            fixed(GateKind.CX, c, t);
            fixed(GateKind.TDG, t);
            fixed(GateKind.CX, a, t);
            fixed(GateKind.T, t);
            fixed(GateKind.CX, c, t);
            fixed(GateKind.TDG, t);
            fixed(GateKind.CX, a, t);
            fixed(GateKind.T, c);
            fixed(GateKind.T, t);
            fixed(GateKind.H, t);
            fixed(GateKind.CX, a, c);
            fixed(GateKind.T, a);
            fixed(GateKind.TDG, c);
            fixed(GateKind.CX, a, c);
        }
    }

    /**
     * {β, γ, δ} with u = e^{iα}·rz(β)·ry(γ)·rz(δ). With w = u/√det u = [[a, −b̄], [b, ā]]: γ = 2·atan2(|b|, |a|),
     * β + δ = −2·arg a, β − δ = 2·arg b (an argument of a vanishing entry is taken as 0).
     */
    static double[] zyz(double[][] u) {
        double dr = u[0][0] * u[0][3] - u[1][0] * u[1][3] - (u[0][1] * u[0][2] - u[1][1] * u[1][2]);
        double di = u[0][0] * u[1][3] + u[1][0] * u[0][3] - (u[0][1] * u[1][2] + u[1][1] * u[0][2]);
        double mod = Math.sqrt(Math.hypot(dr, di));
        double arg = StrictMath.atan2(di, dr) / 2;
        double sr = StrictMath.cos(-arg) / mod;
        double si = StrictMath.sin(-arg) / mod;
        double[] wr = new double[4];
        double[] wi = new double[4];
        for (int k = 0; k < 4; k++) {
            wr[k] = u[0][k] * sr - u[1][k] * si;
            wi[k] = u[0][k] * si + u[1][k] * sr;
        }
        double ar = (wr[0] + wr[3]) / 2;
        double ai = (wi[0] - wi[3]) / 2;
        double br = (wr[2] - wr[1]) / 2;
        double bi = (wi[2] + wi[1]) / 2;
        double absA = Math.hypot(ar, ai);
        double absB = Math.hypot(br, bi);
        double gamma = 2 * StrictMath.atan2(absB, absA);
        double sum = absA > 1e-12 ? -2 * StrictMath.atan2(ai, ar) : 0;
        double diff = absB > 1e-12 ? 2 * StrictMath.atan2(bi, br) : 0;
        return new double[] {(sum + diff) / 2, gamma, (sum - diff) / 2};
    }

    private static double[][] adjoint(double[][] u) {
        return new double[][] {{u[0][0], u[0][2], u[0][1], u[0][3]}, {-u[1][0], -u[1][2], -u[1][1], -u[1][3]}};
    }

    /**
     * An angle read from a float matrix, snapped to m·π/2^k (k ≤ 16) when it lies within 2e-7 of one: Cr
     * keeps no double copy of its angle, and its usual angles 2π/2^k (the Fourier transform's) are recovered exactly.
     */
    static double dyadicMultipleOfPi(double angle) {
        for (int k = 0; k <= 16; k++) {
            double unit = Math.PI / (1 << k);
            double m = Math.rint(angle / unit);
            if (Math.abs(angle - m * unit) <= SNAP) {
                return m * unit;
            }
        }
        return angle;
    }

    /** R's angle: the double-precision field, negated when the matrix shows {@code setInverse(true)}. */
    private static double phaseAngle(R g) {
        double value = doubleField(R.class, "expv", g);
        // the field keeps the original angle; the matrix diag(1, e^{iφ}) is conjugated by setInverse
        double sine = g.getMatrix()[1][1].i;
        return inverted(sine, StrictMath.sin(value)) ? -value : value;
    }

    /**
     * The rotation angle: the magnitude from the gate's double-precision field, the sign from its matrix, which is the
     * only place that reflects {@code setInverse(true)} (the field keeps the original angle).
     */
    private static double theta(Gate g) {
        double value = doubleField(Rotation.class, "thetav", g);
        Complex[][] m = g.getMatrix();
        // RotationX: m[1][0] = −i·sin(θ/2); RotationY: m[1][0] = sin(θ/2)
        double sine = g instanceof RotationX ? -m[1][0].i : m[1][0].r;
        return inverted(sine, StrictMath.sin(value / 2)) ? -value : value;
    }

    /** Whether a sine read from the matrix has the opposite sign of the one the stored angle gives. */
    private static boolean inverted(double fromMatrix, double fromField) {
        return Math.signum(fromMatrix) != 0 && Math.signum(fromMatrix) != Math.signum(fromField);
    }

    /** A private double field of a Strange gate (Strange keeps the exact angle there, its matrix holds floats). */
    private static double doubleField(Class<?> owner, String name, Gate g) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.getDouble(g);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the angle of " + g.getCaption(), e);
        }
    }
}
