package io.qmoe.backend.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.Estimates;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShotSamplingEstimatorTest {
    private final StateVectorEstimator exact = new StateVectorEstimator(1);
    private final ParametricCircuit circuit = ParametricCircuit.builder(2).trainable("a", "b").ry(0, "a")
            .cx(0, 1).rx(1, "b").build();
    private final PauliObservable observable = PauliObservable.parse("0.7*Z0Z1 - 0.4*X0 + 0.2*Y1 + 0.1");
    private final double[] binding = {0.9, -0.6};

    @Test
    void errorShrinksLikeOneOverSqrtShots() {
        double truth = exact.value(circuit, observable, binding);
        double previous = 0;
        double[] rms = new double[4];
        int[] shots = {100, 400, 1600, 6400};
        for (int s = 0; s < shots.length; s++) {
            ShotSamplingEstimator est = new ShotSamplingEstimator(exact, shots[s], 7);
            double[][] batch = new double[300][];
            java.util.Arrays.fill(batch, binding);
            double[] v = est.values(circuit, observable, batch);
            double sq = 0;
            for (double x : v) {
                sq += (x - truth) * (x - truth);
            }
            rms[s] = Math.sqrt(sq / v.length);
            if (s > 0) {
                // four times the shots: half the error (±20 % for 300 samples)
                assertThat(previous / rms[s]).isBetween(1.6, 2.5);
            }
            previous = rms[s];
        }
        // and the mean is unbiased
        ShotSamplingEstimator est = new ShotSamplingEstimator(exact, 1000, 8);
        double[][] batch = new double[2000][];
        java.util.Arrays.fill(batch, binding);
        double mean = java.util.Arrays.stream(est.values(circuit, observable, batch)).average().orElseThrow();
        assertThat(mean).isCloseTo(truth, within(4 * rms[0] / Math.sqrt(10) / Math.sqrt(2000)));
    }

    @Test
    void twoSigmaIntervalsCoverTheExactValueAbout95PercentOfTheTime() {
        SplittableRandom rnd = new SplittableRandom(9);
        ShotSamplingEstimator est = new ShotSamplingEstimator(exact, 500, 10);
        int covered = 0;
        int trials = 600;
        double[][] batch = new double[trials][];
        for (int i = 0; i < trials; i++) {
            batch[i] = new double[] {rnd.nextDouble() * 6, rnd.nextDouble() * 6};
        }
        Estimates e = est.estimate(circuit, observable, batch);
        double[] truth = exact.values(circuit, observable, batch);
        for (int i = 0; i < trials; i++) {
            if (Math.abs(e.values()[i] - truth[i]) <= 2 * e.standardErrors()[i]) {
                covered++;
            }
        }
        assertThat(covered / (double) trials).isBetween(0.90, 0.99);
    }

    @Test
    void everyTermStaysPhysical() {
        ShotSamplingEstimator est = new ShotSamplingEstimator(exact, 3, 11);
        SplittableRandom rnd = new SplittableRandom(12);
        for (String term : new String[] {"X0", "Y1", "Z0Z1", "X0Y1"}) {
            PauliObservable p = PauliObservable.parse(term);
            double[][] batch = new double[200][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = new double[] {rnd.nextDouble() * 6, rnd.nextDouble() * 6};
            }
            for (double v : est.values(circuit, p, batch)) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(1.0);
                // three shots of ±1: the mean is one of -1, -1/3, 1/3, 1
                assertThat(Math.abs(v * 3 - Math.rint(v * 3))).isLessThan(1e-12);
            }
        }
    }

    @Test
    void deterministicForASeedWhateverTheThreads() {
        SplittableRandom rnd = new SplittableRandom(13);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 3, 12, false);
        PauliObservable o = RandomCircuits.observable(rnd, 3);
        double[][] batch = {RandomCircuits.inputs(rnd, c), RandomCircuits.inputs(rnd, c)};
        double[] a = new ShotSamplingEstimator(new StateVectorEstimator(1), 100, 5).values(c, o, batch);
        double[] b = new ShotSamplingEstimator(new StateVectorEstimator(2), 100, 5).values(c, o, batch);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void parameterShiftGradientsWorkThroughShots() {
        ShotSamplingEstimator est = new ShotSamplingEstimator(exact, 20000, 14);
        double[] g = new ParameterShiftGradient(est).evaluate(circuit, PauliObservable.parse("Z0"),
                new double[][] {binding}).gradient(0);
        // <Z0> = cos a: derivative -sin a, none in b
        assertThat(g[0]).isCloseTo(-Math.sin(0.9), within(0.03));
        assertThat(g[1]).isCloseTo(0, within(0.03));
    }

    @Test
    void refusesBadConfiguration() {
        assertThatThrownBy(() -> new ShotSamplingEstimator(exact, 0, 1)).hasMessageContaining("at least 1");
    }
}
