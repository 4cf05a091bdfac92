package io.qmoe.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.DenseReference;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StateVectorEstimatorTest {
    private final StateVectorEstimator sv = new StateVectorEstimator(2);

    private double value(ParametricCircuit c, String observable, double... inputs) {
        return sv.value(c, PauliObservable.parse(observable), inputs);
    }

    @Test
    void singleQubitRotationsMatchClosedForms() {
        for (double th : new double[] {-2.1, 0, 0.4, 1.3, Math.PI}) {
            ParametricCircuit ry = ParametricCircuit.builder(1).trainable("t").ry(0, "t").build();
            ParametricCircuit rx = ParametricCircuit.builder(1).trainable("t").rx(0, "t").build();
            assertThat(value(ry, "Z0", th)).isCloseTo(Math.cos(th), within(1e-15));
            assertThat(value(ry, "X0", th)).isCloseTo(Math.sin(th), within(1e-15));
            assertThat(value(rx, "Y0", th)).isCloseTo(-Math.sin(th), within(1e-15));
            assertThat(value(rx, "Z0", th)).isCloseTo(Math.cos(th), within(1e-15));
        }
    }

    @Test
    void hadamardRzHadamardIsNotAGlobalPhase() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("t").h(0).rz(0, "t").h(0).build();
        ParametricCircuit p = ParametricCircuit.builder(1).trainable("t").h(0).gate(GateKind.P, "t", 0).h(0).build();
        for (double th : new double[] {0.3, 1.0, 2.5}) {
            assertThat(value(c, "Z0", th)).isCloseTo(Math.cos(th), within(1e-15));
            assertThat(value(p, "Z0", th)).isCloseTo(Math.cos(th), within(1e-15));
        }
    }

    @Test
    void bellAndGhzStates() {
        ParametricCircuit bell = ParametricCircuit.builder(2).h(0).cx(0, 1).build();
        assertThat(value(bell, "Z0Z1")).isCloseTo(1, within(1e-15));
        assertThat(value(bell, "X0X1")).isCloseTo(1, within(1e-15));
        assertThat(value(bell, "Y0Y1")).isCloseTo(-1, within(1e-15));
        assertThat(value(bell, "Z0")).isCloseTo(0, within(1e-15));
        assertThat(value(bell, "X0")).isCloseTo(0, within(1e-15));
        for (int n = 3; n <= 5; n++) {
            ParametricCircuit.Builder b = ParametricCircuit.builder(n).h(0);
            for (int q = 1; q < n; q++) {
                b.cx(q - 1, q);
            }
            ParametricCircuit ghz = b.build();
            StringBuilder xs = new StringBuilder();
            for (int q = 0; q < n; q++) {
                xs.append('X').append(q);
            }
            assertThat(value(ghz, xs.toString())).isCloseTo(1, within(1e-14));
            assertThat(value(ghz, "Z0Z" + (n - 1))).isCloseTo(1, within(1e-14));
            assertThat(value(ghz, "Z" + (n - 1))).isCloseTo(0, within(1e-14));
        }
    }

    @Test
    void everyGateKindMatchesItsDenseMatrix() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (GateKind k : GateKind.values()) {
            for (int trial = 0; trial < 6; trial++) {
                int n = 3;
                // a random state prepared by a fixed random circuit, then the gate under test on random qubits
                String[] ry = new String[n];
                for (int q = 0; q < n; q++) {
                    ry[q] = String.valueOf(rnd.nextDouble() * 3);
                }
                ParametricCircuit circuit = RandomCircuits.gateOnEntangledState(rnd, k,
                        ParametricCircuit.builder(n).trainable("t"), ry);
                double[] in = {rnd.nextDouble() * 6 - 3};
                double[][] mine = sv.state(circuit, in);
                double[][] ref = DenseReference.state(circuit, in);
                for (int i = 0; i < 8; i++) {
                    assertThat(mine[0][i]).as(k + " re[" + i + "]").isCloseTo(ref[0][i], within(1e-13));
                    assertThat(mine[1][i]).as(k + " im[" + i + "]").isCloseTo(ref[1][i], within(1e-13));
                }
            }
        }
    }

    @Test
    void randomCircuitsAndObservablesMatchTheDenseReference() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 12, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[] in = RandomCircuits.inputs(rnd, c);
            double expected = DenseReference.expectation(o, DenseReference.state(c, in), n);
            assertThat(sv.value(c, o, in)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCount() {
        SplittableRandom rnd = new SplittableRandom(3);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 4, 30, false);
        PauliObservable o = RandomCircuits.observable(rnd, 4);
        double[][] batch = new double[1000][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = RandomCircuits.inputs(rnd, c);
        }
        double[] one = new StateVectorEstimator(1).values(c, o, batch);
        double[] four = new StateVectorEstimator(4).values(c, o, batch);
        assertThat(four).isEqualTo(one);
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        ParametricCircuit c = ParametricCircuit.builder(2).trainable("t").data("x").ry(0, "t").rx(1, "x").build();
        assertThatThrownBy(() -> sv.values(c, PauliObservable.z(0), new double[][] {{0.1}}))
                .hasMessageContaining("binding 0 has 1 values but the circuit has 2 inputs [t, x]");
        assertThatThrownBy(() -> sv.values(c, PauliObservable.z(0), new double[][] {{0.1, Double.NaN}}))
                .hasMessageContaining("non-finite value for input 'x'");
        assertThatThrownBy(() -> sv.values(c, PauliObservable.z(2), new double[][] {{0.1, 0.2}}))
                .hasMessageContaining("acts on qubit 2 but the circuit has only 2 qubit(s)");
    }
}
