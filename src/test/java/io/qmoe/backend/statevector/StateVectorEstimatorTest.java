package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
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
}
