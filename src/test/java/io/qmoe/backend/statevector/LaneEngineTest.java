package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.testing.DenseReference;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lane-batched engine (small registers) against independent references: dense Kronecker matrices for every gate
 * kind, and the one-binding-at-a-time kernels for values and adjoint gradients on random circuits, including batches
 * that do not fill the last group of lanes and consecutive rows that share angles.
 */
class LaneEngineTest {
    private final StateVectorEstimator sv = new StateVectorEstimator(2);

    @Test
    void everyGateKindMatchesTheDenseReferenceForPauliObservablesOnEveryQubit() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 3;
        String[] observables = {"X0", "Y0", "Z0", "X1", "Y1", "Z1", "X2", "Y2", "Z2", "X0Y2", "Y0Y1", "Z0X1Y2",
            "0.5*X1Z2 - 0.25*Y0X2"};
        for (GateKind k : GateKind.values()) {
            // the prepared state depends on the data input x, so every row of the batch differs
            ParametricCircuit circuit = RandomCircuits.gateOnEntangledState(rnd, k,
                    ParametricCircuit.builder(n).trainable("t").data("x"), new String[] {"x", "x + 1", "x + 2"});
            // 37 rows: a partial second group of lanes; every third row repeats the previous angles
            double[][] rows = new double[37][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r % 3 == 2 ? rows[r - 1].clone() : new double[] {rnd.nextDouble() * 12 - 6,
                    rnd.nextDouble() * 6};
            }
            for (String text : observables) {
                PauliObservable o = PauliObservable.parse(text);
                double[] values = sv.values(circuit, o, rows);
                for (int r = 0; r < rows.length; r++) {
                    double expected = DenseReference.expectation(o, DenseReference.state(circuit, rows[r]), n);
                    assertThat(values[r]).as(k + " " + text + " row " + r).isCloseTo(expected, within(1e-13));
                }
            }
        }
    }

    @Test
    void valuesAndAdjointGradientsEqualTheOneBindingKernels() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(6);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 25, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            int rows = new int[] {1, 7, 31, 33, 100}[trial % 5];
            double[][] batch = new double[rows][];
            for (int r = 0; r < rows; r++) {
                batch[r] = r > 0 && rnd.nextInt(4) == 0 ? batch[r - 1].clone() : RandomCircuits.inputs(rnd, c);
            }
            double[] lanes = sv.values(c, o, batch);
            double[] single = new double[rows];
            sv.forEachFinalState(c, batch, (r, re, im) -> single[r] = o.expectation(re, im));
            ValuesAndGradients fast = AdjointDifferentiator.evaluate(sv, c, o, batch);
            ValuesAndGradients slow = AdjointDifferentiator.oneAtATime(sv, c, o, batch);
            for (int r = 0; r < rows; r++) {
                assertThat(lanes[r]).as("value, trial " + trial).isCloseTo(single[r], within(1e-13));
                assertThat(fast.values()[r]).isCloseTo(slow.values()[r], within(1e-13));
                for (int k = 0; k < c.trainableCount(); k++) {
                    assertThat(fast.gradient(r, k)).as("trial " + trial + " row " + r + " angle " + k)
                            .isCloseTo(slow.gradient(r, k), within(1e-12));
                }
            }
        }
    }

    @Test
    void aRowGivesTheSameBitsWhateverLaneAndGroupItLandsIn() {
        SplittableRandom rnd = new SplittableRandom(13);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 4, 30, false);
        PauliObservable o = RandomCircuits.observable(rnd, 4);
        double[][] batch = new double[70][];
        for (int r = 0; r < batch.length; r++) {
            batch[r] = RandomCircuits.inputs(rnd, c);
        }
        double[] all = sv.values(c, o, batch);
        ValuesAndGradients allGrad = AdjointDifferentiator.evaluate(sv, c, o, batch);
        for (int r : new int[] {0, 5, 31, 32, 69}) {
            double[][] alone = {batch[r]};
            assertThat(sv.values(c, o, alone)[0]).isEqualTo(all[r]);
            ValuesAndGradients one = AdjointDifferentiator.evaluate(sv, c, o, alone);
            for (int k = 0; k < c.trainableCount(); k++) {
                assertThat(one.gradient(0, k)).isEqualTo(allGrad.gradient(r, k));
            }
        }
    }
}
