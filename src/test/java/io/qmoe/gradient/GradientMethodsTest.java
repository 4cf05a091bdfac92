package io.qmoe.gradient;

import io.qmoe.backend.ValuesAndGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientMethodsTest {
    private final StateVectorEstimator sv = new StateVectorEstimator(2);
    private final AdjointGradient adjoint = new AdjointGradient(sv);
    private final ParameterShiftGradient shift = new ParameterShiftGradient(sv);
    private final FiniteDifferenceGradient fd = new FiniteDifferenceGradient(sv);

    @Test
    void parameterShiftEqualsAdjointAndBothEqualFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 14, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[][] batch = {RandomCircuits.inputs(rnd, c), RandomCircuits.inputs(rnd, c)};
            ValuesAndGradients a = adjoint.evaluate(c, o, batch);
            ValuesAndGradients p = shift.evaluate(c, o, batch);
            ValuesAndGradients f = fd.evaluate(c, o, batch);
            for (int i = 0; i < batch.length; i++) {
                assertThat(p.values()[i]).isCloseTo(a.values()[i], within(1e-13));
                for (int k = 0; k < c.trainableCount(); k++) {
                    assertThat(p.gradient(i, k)).as("trial %d binding %d angle %d", trial, i, k)
                            .isCloseTo(a.gradient(i, k), within(1e-12));
                    assertThat(f.gradient(i, k)).isCloseTo(a.gradient(i, k), within(1e-6));
                }
            }
        }
    }

    @Test
    void parameterShiftSendsOneBatchToTheBackend() {
        int[] calls = {0};
        io.qmoe.backend.Estimator counting = new io.qmoe.backend.Estimator() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public io.qmoe.backend.Estimates estimate(ParametricCircuit circuit, PauliObservable observable,
                                                      double[][] bindings) {
                calls[0]++;
                return sv.estimate(circuit, observable, bindings);
            }
        };
        SplittableRandom rnd = new SplittableRandom(5);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 3, 20, false);
        double[][] batch = new double[50][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = RandomCircuits.inputs(rnd, c);
        }
        new ParameterShiftGradient(counting).evaluate(c, PauliObservable.z(0), batch);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void adjointIsBitIdenticalWhateverTheThreadCount() {
        SplittableRandom rnd = new SplittableRandom(8);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 4, 25, false);
        PauliObservable o = RandomCircuits.observable(rnd, 4);
        double[][] batch = new double[1000][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = RandomCircuits.inputs(rnd, c);
        }
        ValuesAndGradients one = new AdjointGradient(new StateVectorEstimator(1)).evaluate(c, o, batch);
        ValuesAndGradients three = new AdjointGradient(new StateVectorEstimator(3)).evaluate(c, o, batch);
        assertThat(three.values()).isEqualTo(one.values());
        assertThat(three.gradients()).isEqualTo(one.gradients());
    }
}
