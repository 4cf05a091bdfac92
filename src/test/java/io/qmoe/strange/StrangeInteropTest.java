package io.qmoe.strange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.RotationZ;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

class StrangeInteropTest {
    private final StrangeEstimator strange = new StrangeEstimator(2);
    private final StateVectorEstimator sv = new StateVectorEstimator(2);

    @Test
    void hadamardRzHadamardWorksAroundTheRotationZDefect() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("t").h(0).rz(0, "t").h(0).build();
        for (double th : new double[] {0.4, 1.5, 3.0}) {
            assertThat(strange.value(c, PauliObservable.z(0), new double[] {th})).isCloseTo(Math.cos(th),
                    within(2e-6));
            // Strange's own RotationZ in the same circuit leaves |0>: <Z> = 1 whatever the angle (the 0.1.3 defect)
            Program naive = new Program(1, new Step(new Hadamard(0)), new Step(new RotationZ(th, 0)),
                    new Step(new Hadamard(0)));
            Complex[] a = new SimpleQuantumExecutionEnvironment().runProgram(naive).getProbability();
            assertThat(a[0].abssqr() - a[1].abssqr()).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void circuitsWithoutGatesRunOnStrangeToo() {
        // Strange 0.1.3 cannot run a Program without steps; the builder adds an identity step
        ParametricCircuit empty = ParametricCircuit.builder(2).gate(GateKind.ID, 1).build();
        assertThat(strange.value(empty, PauliObservable.parse("Z0 + Z1"), new double[0])).isCloseTo(2, within(1e-7));
    }

    @Test
    void hundredRandomCircuitsAgreeWithTheStateVectorEngine() {
        SplittableRandom rnd = new SplittableRandom(22);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + rnd.nextInt(6);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 15, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[][] batch = {RandomCircuits.inputs(rnd, c), RandomCircuits.inputs(rnd, c)};
            double[] s = strange.values(c, o, batch);
            double[] v = sv.values(c, o, batch);
            double tol = 2e-6 * Math.max(1, o.normBound());
            assertThat(s[0]).as("trial " + trial).isCloseTo(v[0], within(tol));
            assertThat(s[1]).as("trial " + trial).isCloseTo(v[1], within(tol));
        }
    }

    @Test
    void parameterShiftThroughStrangeMatchesAdjoint() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int trial = 0; trial < 12; trial++) {
            // 1-4 qubits, every gate kind, shared angles and data features; two bindings per batch
            ParametricCircuit c = RandomCircuits.circuit(rnd, 1 + trial % 4, 12, false);
            PauliObservable o = RandomCircuits.observable(rnd, c.qubitCount());
            double[][] batch = {RandomCircuits.inputs(rnd, c), RandomCircuits.inputs(rnd, c)};
            ValuesAndGradients ps = new ParameterShiftGradient(strange).evaluate(c, o, batch);
            ValuesAndGradients ad = new AdjointGradient(new StateVectorEstimator(1)).evaluate(c, o, batch);
            for (int r = 0; r < batch.length; r++) {
                for (int k = 0; k < c.trainableCount(); k++) {
                    assertThat(ps.gradient(r, k)).as("trial " + trial + " row " + r + " angle " + k)
                            .isCloseTo(ad.gradient(r, k), within(1e-5));
                }
            }
        }
    }

    @Test
    void programsOfFixedGatesConvertBack() {
        ParametricCircuit c = ParametricCircuit.builder(3).h(0).cx(0, 2).gate(GateKind.RX, "0.7", 1)
                .gate(GateKind.RY, "-1.2", 2).gate(GateKind.P, "0.4", 0).cz(1, 2).gate(GateKind.SWAP, 0, 1)
                .gate(GateKind.Y, 2).build();
        Program p = StrangePrograms.toProgram(c, new double[0]);
        ParametricCircuit back = FromStrange.toCircuit(p);
        double[][] a = StrangeEstimator.state(c, new double[0]);
        double[][] b = StrangeEstimator.state(back, new double[0]);
        for (int i = 0; i < 8; i++) {
            assertThat(b[0][i]).isCloseTo(a[0][i], within(1e-6));
            assertThat(b[1][i]).isCloseTo(a[1][i], within(1e-6));
        }
        Program withRz = new Program(1, new Step(new RotationZ(0.3, 0)));
        assertThatThrownBy(() -> FromStrange.toCircuit(withRz)).hasMessageContaining("global phase");
        Program initialised = new Program(2, new Step(new Hadamard(0)));
        initialised.initializeQubit(0, 0);
        assertThatThrownBy(() -> FromStrange.toCircuit(initialised)).hasMessageContaining("initializeQubit");
    }

    @Test
    void invertedStrangeRotationsConvertWithTheirSign() {
        for (boolean y : new boolean[] {false, true}) {
            org.redfx.strange.gate.Rotation r = y ? new org.redfx.strange.gate.RotationY(0.8, 0)
                    : new org.redfx.strange.gate.RotationX(0.8, 0);
            r.setInverse(true);
            ParametricCircuit back = FromStrange.toCircuit(new Program(1, new Step(r)));
            assertThat(back.gates().get(0).angle().constantValue()).isEqualTo(-0.8);
            // and the converted circuit computes what Strange computes
            PauliObservable o = PauliObservable.parse(y ? "X0" : "Y0");
            Complex[] a = new SimpleQuantumExecutionEnvironment().runProgram(new Program(1, new Step(r)))
                    .getProbability();
            double strangeValue = y ? 2 * (a[0].r * a[1].r + a[0].i * a[1].i) : 2 * (a[0].r * a[1].i - a[0].i * a[1].r);
            assertThat(sv.value(back, o, new double[0])).isCloseTo(strangeValue, within(1e-6));
        }
    }
}
