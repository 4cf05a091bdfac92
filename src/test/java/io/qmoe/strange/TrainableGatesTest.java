package io.qmoe.strange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.mixture.Expert;
import io.qmoe.qasm.QasmReader;
import io.qmoe.testing.ClosedFormQubitExpert;
import io.qmoe.testing.DenseReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cr;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.RotationX;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

class TrainableGatesTest {
    private final StateVectorEstimator sv = new StateVectorEstimator(1);

    /** Every trainable form, shared angles, coefficients, offsets, data inputs and fixed Strange gates. */
    private static Program program() {
        return new Program(3,
                new Step(new Hadamard(0), TrainableRotation.ry(1, "t0"), TrainableRotation.rx(2, GateAngle.data("x0"))),
                new Step(TrainableControlledRotation.crx(0, 1, "t1").times(2)),
                new Step(TrainableRotation.rz(2, "t2").plus(0.3)),
                new Step(TrainableControlledRotation.cry(2, 0, "t0").times(2)),
                new Step(TrainableControlledRotation.crz(1, 2, GateAngle.data("x0").times(3))),
                new Step(TrainableControlledRotation.cp(0, 2, "t3")),
                new Step(new Cnot(1, 0)),
                new Step(TrainableRotation.rx(1, "t1").times(-1).plus(Math.PI / 4)),
                new Step(TrainableRotation.p(0, "t3"), new Cr(1, 2, 2, 3)),
                new Step(TrainableRotation.rz(0, GateAngle.data("x1"))));
    }

    /** The same circuit, written by hand in OpenQASM 3. */
    private static final String QASM = String.join("\n",
            "OPENQASM 3.0;", "include \"stdgates.inc\";", "qubit[3] q;",
            "input float[64] x1;", "input float[64] t3;", "input float[64] x0;", "input float[64] t2;",
            "input float[64] t1;", "input float[64] t0;", "#pragma qmoe data x0 x1",
            "#pragma qmoe observable 0.5*Z0 + X1Y2 - 0.3*Y0Z1 + X0X2",
            "h q[0];", "ry(t0) q[1];", "rx(x0) q[2];", "crx(2*t1) q[0], q[1];", "rz(t2 + 0.3) q[2];",
            "cry(2*t0) q[2], q[0];", "crz(3*x0) q[1], q[2];", "cp(t3) q[0], q[2];", "cx q[1], q[0];",
            "rx(-t1 + pi/4) q[1];", "p(t3) q[0];", "cp(pi/4) q[1], q[2];", "rz(x1) q[0];", "");

    private static double[] byName(ParametricCircuit c, Map<String, Double> values) {
        double[] v = new double[c.inputCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(c.allNames().get(i));
        }
        return v;
    }

    /** Strange's float amplitudes against a double-precision reference {re, im}, phase included. */
    private static void assertSameAmplitudes(String what, Complex[] strange, double[][] ref) {
        for (int i = 0; i < strange.length; i++) {
            assertThat((double) strange[i].r).as(what + " re " + i).isCloseTo(ref[0][i], within(2e-6));
            assertThat((double) strange[i].i).as(what + " im " + i).isCloseTo(ref[1][i], within(2e-6));
        }
    }

    private static Map<String, Double> randomValues(SplittableRandom rnd) {
        Map<String, Double> m = new HashMap<>();
        for (String n : new String[] {"t0", "t1", "t2", "t3", "x0", "x1"}) {
            m.put(n, rnd.nextDouble() * 6 - 3);
        }
        return m;
    }

    @Test
    void theInputsAreTheNamedParametersInOrderOfFirstUse() {
        ParametricCircuit c = FromStrange.toCircuit(program());
        assertThat(c.trainableNames()).containsExactly("t0", "t1", "t2", "t3");
        assertThat(c.dataNames()).containsExactly("x0", "x1");
        assertThat(StrangeParameters.trainableNames(program())).isEqualTo(c.trainableNames());
        assertThat(StrangeParameters.dataNames(program())).isEqualTo(c.dataNames());
        assertThat(c.isPeriodic()).isTrue();
    }

    @Test
    void valuesMatchTheQasmCircuitAndGradientsMatchFiniteDifferences() {
        ParametricCircuit fromStrange = FromStrange.toCircuit(program());
        var loaded = QasmReader.parse(QASM, "hand.qasm");
        ParametricCircuit qasm = loaded.circuit();
        PauliObservable o = loaded.observable();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            Map<String, Double> values = randomValues(rnd);
            double[] in = byName(fromStrange, values);
            double[] inQasm = byName(qasm, values);
            assertThat(sv.value(fromStrange, o, in)).isCloseTo(sv.value(qasm, o, inQasm), within(1e-12));
            ValuesAndGradients g = new AdjointGradient(sv).evaluate(fromStrange, o, new double[][] {in});
            double h = 1e-5;
            for (int k = 0; k < fromStrange.trainableCount(); k++) {
                Map<String, Double> plus = new HashMap<>(values);
                Map<String, Double> minus = new HashMap<>(values);
                String name = fromStrange.trainableNames().get(k);
                plus.put(name, values.get(name) + h);
                minus.put(name, values.get(name) - h);
                double fd = (sv.value(qasm, o, byName(qasm, plus)) - sv.value(qasm, o, byName(qasm, minus))) / (2 * h);
                assertThat(g.gradient(0, k)).as("d/d" + name).isCloseTo(fd, within(1e-6));
            }
        }
    }

    @Test
    void theBoundProgramRunsInStrangeAndMatchesTheDenseReferenceOfTheQasmCircuit() {
        ParametricCircuit qasm = QasmReader.parse(QASM, "hand.qasm").circuit();
        Program p = program();
        SplittableRandom rnd = new SplittableRandom(6);
        for (int trial = 0; trial < 3; trial++) {
            // the same Program, rebound each time
            Map<String, Double> values = randomValues(rnd);
            StrangeParameters.bind(p, values);
            Complex[] a = new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
            double[][] ref = DenseReference.state(qasm, byName(qasm, values));
            // exact gates (rz included), so equal amplitudes, not just equal up to a global phase
            assertSameAmplitudes("trial " + trial, a, ref);
        }
    }

    @Test
    void everyTrainableFormOnEveryQubitOrderMatchesTheDenseReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        GateKind[] kinds = {GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.P, GateKind.CRX, GateKind.CRY,
            GateKind.CRZ, GateKind.CP};
        for (GateKind k : kinds) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    if (a == b && k.qubits() == 2 || b > 0 && k.qubits() == 1) {
                        continue;
                    }
                    double[] pre = new double[6];
                    for (int i = 0; i < 6; i++) {
                        pre[i] = rnd.nextDouble() * 3;
                    }
                    double phi = rnd.nextDouble() * 8 - 4;
                    ParametricGate g = k.qubits() == 1 ? TrainableRotation.of(k, a, GateAngle.trainable("t"))
                            : TrainableControlledRotation.of(k, a, b, GateAngle.trainable("t"));
                    g.bind(phi);
                    Program p = new Program(3,
                            new Step(new RotationY(pre[0], 0), new RotationY(pre[1], 1), new RotationY(pre[2], 2)),
                            new Step(new RotationX(pre[3], 0), new RotationX(pre[4], 1), new RotationX(pre[5], 2)),
                            new Step(new Cnot(0, 1)), new Step(new Cnot(1, 2)), new Step(g));
                    ParametricCircuit.Builder cb = ParametricCircuit.builder(3);
                    for (int q = 0; q < 3; q++) {
                        cb.ry(q, Double.toString(pre[q]));
                    }
                    for (int q = 0; q < 3; q++) {
                        cb.rx(q, Double.toString(pre[3 + q]));
                    }
                    cb.cx(0, 1).cx(1, 2);
                    if (k.qubits() == 1) {
                        cb.gate(k, Double.toString(phi), a);
                    } else {
                        cb.gate(k, Double.toString(phi), a, b);
                    }
                    double[][] ref = DenseReference.state(cb.build(), new double[0]);
                    Complex[] amp = new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
                    assertSameAmplitudes(g.toString(), amp, ref);
                }
            }
        }
    }

    @Test
    void aQmoePointBindsInTheCircuitsInputOrder() {
        Program p = program();
        StrangeParameters.bind(p, new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.5, 0.6});
        Map<String, Double> want = Map.of("t0", 0.1, "t1", 0.2, "t2", 0.3, "t3", 0.4, "x0", 0.5, "x1", 0.6);
        for (ParametricGate g : StrangeParameters.gates(p)) {
            assertThat(g.boundValue()).as(g.toString()).isEqualTo(want.get(g.angle().parameter()));
        }
        assertThatThrownBy(() -> StrangeParameters.bind(p, new double[3], new double[2]))
                .hasMessageContaining("trainable parameters [t0, t1, t2, t3] and data [x0, x1]");
    }

    @Test
    void rzIsARealZRotationInStrange() {
        for (double th : new double[] {0.4, 1.5, 3.0}) {
            TrainableRotation rz = TrainableRotation.rz(0, "t");
            Program p = new Program(1, new Step(new Hadamard(0)), new Step(rz), new Step(new Hadamard(0)));
            rz.bind(th);
            Complex[] a = new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
            // H·rz(θ)·H|0⟩ = (cos(θ/2), −i·sin(θ/2)) up to nothing: rz is exact, phase included
            assertThat((double) a[0].r).isCloseTo(Math.cos(th / 2), within(1e-6));
            assertThat((double) a[0].i).isCloseTo(0, within(1e-6));
            assertThat((double) a[1].r).isCloseTo(0, within(1e-6));
            assertThat((double) a[1].i).isCloseTo(-Math.sin(th / 2), within(1e-6));
        }
    }

    @Test
    void anExpertBuiltFromAProgramHasTheClosedForm() {
        Program p = new Program(1, new Step(TrainableRotation.ry(0, "t0")),
                new Step(TrainableRotation.rx(0, GateAngle.data("x0"))), new Step(TrainableRotation.ry(0, "t1")));
        Expert e = StrangeExperts.fromProgram(p, PauliObservable.z(0));
        assertThat(e.dimension()).isEqualTo(2);
        assertThat(e.featureCount()).isEqualTo(1);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int trial = 0; trial < 5; trial++) {
            double t0 = rnd.nextDouble() * 6;
            double t1 = rnd.nextDouble() * 6;
            double x = rnd.nextDouble() * 6;
            assertThat(e.value(new double[] {t0, t1}, new double[] {x}))
                    .isCloseTo(ClosedFormQubitExpert.f(t0, t1, x), within(1e-12));
            double[] g = e.gradient(new double[] {t0, t1}, new double[] {x});
            // ∂f/∂t0 = −sin t0 cos t1 cos x − cos t0 sin t1, ∂f/∂t1 = −cos t0 sin t1 cos x − sin t0 cos t1
            assertThat(g[0]).isCloseTo(-Math.sin(t0) * Math.cos(t1) * Math.cos(x) - Math.cos(t0) * Math.sin(t1),
                    within(1e-12));
            assertThat(g[1]).isCloseTo(-Math.cos(t0) * Math.sin(t1) * Math.cos(x) - Math.sin(t0) * Math.cos(t1),
                    within(1e-12));
        }
    }

    @Test
    void anInvertedGateRotatesBackwardsInStrangeAndInTheCircuit() {
        TrainableControlledRotation g = TrainableControlledRotation.cry(0, 1, "t").times(2).plus(0.1);
        g.setInverse(true);
        g.bind(0.6);
        assertThat(g.currentAngle()).isCloseTo(-1.3, within(1e-15));
        Program p = new Program(2, new Step(new Hadamard(0)), new Step(g));
        ParametricCircuit c = FromStrange.toCircuit(p);
        assertThat(c.gates().get(1).angle().toString()).isEqualTo("-2*t - 0.1");
        Complex[] a = new SimpleQuantumExecutionEnvironment().runProgram(p).getProbability();
        // |1⟩ on the control: ry(−1.3) on the target, amplitude of |11⟩ = sin(−0.65)/√2
        assertThat((double) a[3].r).isCloseTo(Math.sin(-0.65) / Math.sqrt(2), within(1e-6));
        assertThat(sv.state(c, new double[] {0.6})[0][3]).isCloseTo(Math.sin(-0.65) / Math.sqrt(2), within(1e-12));
    }

    @Test
    void mistakesAreNamed() {
        Program unbound = new Program(1, new Step(TrainableRotation.ry(0, "t0")));
        assertThatThrownBy(() -> new SimpleQuantumExecutionEnvironment().runProgram(unbound))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'t0'").hasMessageContaining("bound");
        assertThatThrownBy(() -> StrangeParameters.bind(unbound, Map.of("t1", 0.2)))
                .hasMessageContaining("'t1' is not a parameter");
        assertThatThrownBy(() -> StrangeParameters.bind(unbound, Map.of()))
                .hasMessageContaining("no value for parameter 't0'");
        Program mixed = new Program(1, new Step(TrainableRotation.ry(0, "a")),
                new Step(TrainableRotation.rx(0, GateAngle.data("a"))));
        assertThatThrownBy(() -> FromStrange.toCircuit(mixed)).hasMessageContaining("step 1")
                .hasMessageContaining("'a' is used as a trainable angle");
        assertThatThrownBy(() -> TrainableRotation.ry(0, "pi")).hasMessageContaining("not a valid parameter name");
        assertThatThrownBy(() -> TrainableRotation.ry(0, "t").times(0)).hasMessageContaining("coefficient 0");
        assertThatThrownBy(() -> TrainableRotation.of(GateKind.CRX, 0, GateAngle.trainable("t")))
                .hasMessageContaining("not a single-qubit rotation");
        assertThatThrownBy(() -> TrainableControlledRotation.cp(1, 1, "t")).hasMessageContaining("two different");
        assertThat(List.of(TrainableRotation.ry(0, "t").times(2).plus(1).getCaption()))
                .containsExactly("ry(2*t + 1) q[0]");
    }
}
