package io.qmoe.strange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.bench.StrangeExamplePrograms;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Qubit;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Identity;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.Oracle;
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
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

class FastExecutionEnvironmentTest {
    /** Strange computes in float: its amplitudes differ from the double-precision ones by about 1e-6. */
    private static final double FLOAT = 1e-5;

    private final FastExecutionEnvironment fast = new FastExecutionEnvironment();

    private static Complex[] strange(Program p) {
        return new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
    }

    /** Runs fresh copies of a program on both environments and compares every amplitude, phase included. */
    private Complex[] sameAsStrange(String what, Supplier<Program> program) {
        Complex[] got = fast.runProgram(program.get()).getProbability();
        assertAmplitudes(what, got, strange(program.get()));
        return got;
    }

    private static void assertAmplitudes(String what, Complex[] got, Complex[] want) {
        assertThat(got).as(what).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i].r).as(what + " re " + i).isCloseTo(want[i].r, within(FLOAT));
            assertThat((double) got[i].i).as(what + " im " + i).isCloseTo(want[i].i, within(FLOAT));
        }
    }

    private static Gate inverted(Gate g) {
        g.setInverse(true);
        return g;
    }

    private static ParametricGate bound(ParametricGate g, double v) {
        g.bind(v);
        return g;
    }

    private static Complex[][] unitary() {
        // (1/√3)·[[1, −(1 − i)], [1 + i, 1]]·e^{0.4i}: unitary, not a known gate
        double s = 1 / Math.sqrt(3);
        Complex p = new Complex(Math.cos(0.4) * s, Math.sin(0.4) * s);
        return new Complex[][] {{p, p.mul(new Complex(-1, 1))}, {p.mul(new Complex(1, 1)), p}};
    }

    @Test
    void everyStrangeGateKindMatchesStrange() {
        List<Supplier<Gate>> gates = List.of(() -> new Hadamard(1), () -> new X(2), () -> new Y(0), () -> new Z(1),
                () -> new Identity(2), () -> new RotationX(0.7, 1), () -> new RotationY(-1.1, 2),
                () -> new RotationZ(0.9, 0), () -> new R(0.4, 1), () -> new Rotation(0.5, Rotation.Axes.XAxis, 0),
                () -> new Rotation(-0.8, Rotation.Axes.YAxis, 2), () -> new Rotation(1.3, Rotation.Axes.ZAxis, 1),
                () -> inverted(new RotationX(0.7, 1)), () -> inverted(new R(0.4, 1)),
                () -> inverted(new RotationZ(0.9, 0)), () -> new Cnot(2, 0), () -> new Cnot(0, 1), () -> new Cz(0, 2),
                () -> new Swap(0, 2), () -> new Cr(2, 1, 0.8), () -> inverted(new Cr(0, 2, 0.8)),
                () -> new Cr(1, 0, 2, 2), () -> new SingleQubitMatrixGate(1, unitary()),
                () -> new Toffoli(2, 1, 0), () -> new Toffoli(0, 1, 2), () -> new Measurement(1),
                () -> bound(TrainableRotation.rx(0, "a"), 0.3), () -> bound(TrainableRotation.ry(1, "a"), -0.6),
                () -> bound(TrainableRotation.rz(2, "a").times(3), 0.5), () -> bound(TrainableRotation.p(0, "a"), 1.7),
                () -> bound(TrainableControlledRotation.crx(2, 0, "a"), 0.9),
                () -> bound(TrainableControlledRotation.cry(0, 2, "a"), -1.4),
                () -> bound(TrainableControlledRotation.crz(1, 2, GateAngle.data("x")).plus(0.2), 0.6),
                () -> bound(TrainableControlledRotation.cp(2, 1, "a"), 2.2),
                () -> inverted(bound(TrainableControlledRotation.cry(1, 0, "a"), 0.7)));
        for (Supplier<Gate> g : gates) {
            sameAsStrange(g.get().toString(), () -> new Program(3,
                    new Step(new RotationY(0.4, 0), new RotationY(1.9, 1), new RotationY(-0.7, 2)),
                    new Step(new Cnot(0, 1)), new Step(new Cnot(1, 2)),
                    new Step(new R(0.3, 0), new R(-1.2, 1), new RotationX(0.5, 2)),
                    new Step(g.get())));
        }
    }

    @Test
    void initialisedQubitsStartWhereStrangePutsThem() {
        sameAsStrange("initializeQubit", () -> {
            Program p = new Program(3, new Step(new Hadamard(1)), new Step(new Cnot(1, 2)));
            p.initializeQubit(0, 0.6);
            p.initializeQubit(2, -0.3);
            return p;
        });
    }

    @Test
    void bellStatesMeasureAlike() {
        Complex[] a = sameAsStrange("bell", StrangeExamplePrograms::bell);
        assertThat((double) a[0].r).isCloseTo(Math.sqrt(0.5), within(1e-7));
        assertThat((double) a[3].r).isCloseTo(Math.sqrt(0.5), within(1e-7));
        int ones = 0;
        for (int run = 0; run < 60; run++) {
            Program p = StrangeExamplePrograms.bell();
            Result r = fast.runProgram(p);
            assertThat(p.getResult()).isSameAs(r);
            Qubit[] q = r.getQubits();
            assertThat(q[0].measure()).isEqualTo(q[1].measure());
            assertThat(r.getMeasuredProbability()).isEqualTo(3 * q[0].measure());
            assertThat(q[0].getProbability()).isCloseTo(0.5, within(1e-7));
            ones += q[0].measure();
        }
        // 60 fair draws: all equal has probability 2^-59
        assertThat(ones).isBetween(1, 59);
    }

    @Test
    void ghzTeleportationAndGroverMatchStrangeAndTheirClosedForms() {
        Complex[] ghz = sameAsStrange("ghz-5", () -> StrangeExamplePrograms.ghz(5));
        assertThat((double) ghz[31].r).isCloseTo(Math.sqrt(0.5), within(1e-7));
        double theta = 1.1;
        Result tele = fast.runProgram(StrangeExamplePrograms.teleportation(theta));
        sameAsStrange("teleportation", () -> StrangeExamplePrograms.teleportation(theta));
        // qubit 2 holds ry(θ)|0⟩ whatever qubits 0 and 1 measured
        assertThat(tele.getQubits()[2].getProbability()).isCloseTo(Math.pow(Math.sin(theta / 2), 2), within(1e-6));
        assertThat(tele.getQubits()[0].getProbability()).isCloseTo(0.5, within(1e-6));
        double marked = Math.pow(Math.sin(5 * Math.asin(1 / Math.sqrt(8))), 2);
        Complex[] g3 = sameAsStrange("grover-3", () -> StrangeExamplePrograms.grover3(2));
        assertThat(g3[7].abssqr()).isCloseTo(marked, within(1e-6));
        Complex[] g4 = sameAsStrange("grover-4", () -> StrangeExamplePrograms.grover4(2));
        assertThat(g4[7].abssqr()).isCloseTo(marked, within(1e-6));
        sameAsStrange("layered", () -> StrangeExamplePrograms.layered(6, 3, 41));
    }

    @Test
    void theStateAfterEveryStepIsRecordedAsStrangeRecordsIt() {
        // teleportation has a measurement-only step; an empty step records nothing in Strange
        Supplier<Program> program = () -> {
            Program p = StrangeExamplePrograms.teleportation(0.8);
            p.addStep(new Step());
            p.addStep(new Step(new Hadamard(2)));
            return p;
        };
        Result want = new SimpleQuantumExecutionEnvironment().runProgram(program.get());
        Result got = fast.runProgram(program.get());
        int steps = program.get().getSteps().size();
        for (int k = 0; k < steps; k++) {
            assertAmplitudes("step " + k, got.getIntermediateProbability(k), want.getIntermediateProbability(k));
        }
        assertThat(got.getIntermediateQubits().keySet()).isEqualTo(want.getIntermediateQubits().keySet());
        for (int k : want.getIntermediateQubits().keySet()) {
            for (int q = 0; q < 3; q++) {
                assertThat(got.getIntermediateQubits().get(k)[q].getProbability()).as("step %d qubit %d", k, q)
                        .isCloseTo(want.getIntermediateQubits().get(k)[q].getProbability(), within(FLOAT));
            }
        }
        // recording every step or only the last one gives the same final state, bit for bit
        FastExecutionEnvironment last = fast.finalStateOnly();
        assertThat(last.recordsEveryStep()).isFalse();
        Complex[] a = last.runProgram(program.get()).getProbability();
        Complex[] b = got.getProbability();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].r).isEqualTo(b[i].r);
            assertThat(a[i].i).isEqualTo(b[i].i);
        }
        assertThat(last.runProgram(program.get()).getIntermediateProbability(0)).isNull();
    }

    @Test
    void rebindingTheSameProgramRunsTheNewAngles() {
        TrainableRotation ry = TrainableRotation.ry(0, "t");
        Program p = new Program(1, new Step(ry));
        for (double t : new double[] {0.3, 2.0}) {
            ry.bind(t);
            assertThat(fast.runProgram(p).getQubits()[0].getProbability())
                    .isCloseTo(Math.pow(Math.sin(t / 2), 2), within(1e-7));
        }
    }

    @Test
    void toffoliIsRightEvenWhereStrangeIsNot() {
        // Strange 0.1.3 gets Toffoli(0, 2, 1) on 4 qubits wrong; |0101⟩ → |0111⟩ is the controlled-controlled-X
        Program p = new Program(4, new Step(new X(0), new X(2)), new Step(new Toffoli(0, 2, 1)));
        assertThat((double) fast.runProgram(p).getProbability()[7].r).isCloseTo(1, within(1e-7));
    }

    @Test
    void untranslatableProgramsFallBackOrAreRefused() {
        Supplier<Program> oracle = () -> new Program(2, new Step(new Hadamard(0)),
                new Step(new Oracle(new Complex[][] {{Complex.ZERO, Complex.ONE, Complex.ZERO, Complex.ZERO},
                    {Complex.ONE, Complex.ZERO, Complex.ZERO, Complex.ZERO},
                    {Complex.ZERO, Complex.ZERO, Complex.ONE, Complex.ZERO},
                    {Complex.ZERO, Complex.ZERO, Complex.ZERO, Complex.ONE}})));
        assertThat(fast.fallsBack()).isTrue();
        sameAsStrange("oracle (fallback)", oracle);
        FastExecutionEnvironment strict = fast.strict();
        assertThat(strict.fallsBack()).isFalse();
        assertThatThrownBy(() -> strict.runProgram(oracle.get())).isInstanceOf(UnsupportedGateException.class)
                .hasMessage("step 1: Strange gate Oracle has no qmoe circuit form");
    }

    @Test
    void aProgramWithoutStepsIsTheZeroState() {
        Result r = fast.runProgram(new Program(2));
        assertThat((double) r.getProbability()[0].r).isEqualTo(1.0);
        assertThat(r.getQubits()).hasSize(2);
        assertThat(r.getQubits()[1].measure()).isZero();
    }

    @Test
    void unboundParametersAreNamed() {
        Program p = new Program(1, new Step(TrainableRotation.ry(0, "t9")));
        assertThatThrownBy(() -> fast.runProgram(p)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'t9'");
    }
}
