package io.qmoe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every exact {@link Estimator} must do, run by each implementation with its own tolerance (as Hipparchus runs
 * one abstract suite per integrator): closed-form single-qubit rotations, H·RZ·H, Bell and GHZ states, every gate kind
 * and random circuits against the dense reference, several observables per call, batches equal to single calls, and
 * clear refusals. Expected values come from closed forms and {@link DenseReference}, never from the code under test.
 */
public abstract class EstimatorContract {
    private Estimator estimator;

    /** A fresh estimator for one test; the suite closes it afterwards. */
    protected abstract Estimator create();

    /** The absolute tolerance of this backend's expectation values. */
    protected abstract double tolerance();

    /** The estimator under test (created on first use). */
    protected final Estimator estimator() {
        if (estimator == null) {
            estimator = create();
        }
        return estimator;
    }

    @AfterEach
    void closeTheEstimator() {
        if (estimator != null) {
            estimator.close();
        }
    }

    private double value(ParametricCircuit c, String observable, double... inputs) {
        return estimator().value(c, PauliObservable.parse(observable), inputs);
    }

    @Test
    void singleQubitRotationsMatchClosedForms() {
        ParametricCircuit ry = ParametricCircuit.builder(1).trainable("t").ry(0, "t").build();
        ParametricCircuit rx = ParametricCircuit.builder(1).trainable("t").rx(0, "t").build();
        for (double th : new double[] {-2.1, 0, 0.4, 1.3, Math.PI}) {
            assertThat(value(ry, "Z0", th)).isCloseTo(Math.cos(th), within(tolerance()));
            assertThat(value(ry, "X0", th)).isCloseTo(Math.sin(th), within(tolerance()));
            assertThat(value(rx, "Y0", th)).isCloseTo(-Math.sin(th), within(tolerance()));
            assertThat(value(rx, "Z0", th)).isCloseTo(Math.cos(th), within(tolerance()));
        }
    }

    /** RZ between Hadamards is a real rotation (Strange 0.1.3's RotationZ is not: a global phase). */
    @Test
    void hadamardRzHadamardIsNotAGlobalPhase() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("t").h(0).rz(0, "t").h(0).build();
        ParametricCircuit p = ParametricCircuit.builder(1).trainable("t").h(0).gate(GateKind.P, "t", 0).h(0).build();
        for (double th : new double[] {0.3, 1.0, 2.5}) {
            assertThat(value(c, "Z0", th)).isCloseTo(Math.cos(th), within(tolerance()));
            assertThat(value(p, "Z0", th)).isCloseTo(Math.cos(th), within(tolerance()));
        }
    }

    @Test
    void bellAndGhzStates() {
        ParametricCircuit bell = ParametricCircuit.builder(2).h(0).cx(0, 1).build();
        assertThat(value(bell, "Z0Z1")).isCloseTo(1, within(tolerance()));
        assertThat(value(bell, "X0X1")).isCloseTo(1, within(tolerance()));
        assertThat(value(bell, "Y0Y1")).isCloseTo(-1, within(tolerance()));
        assertThat(value(bell, "Z0")).isCloseTo(0, within(tolerance()));
        for (int n = 3; n <= 5; n++) {
            ParametricCircuit.Builder b = ParametricCircuit.builder(n).h(0);
            for (int q = 1; q < n; q++) {
                b.cx(q - 1, q);
            }
            StringBuilder xs = new StringBuilder();
            for (int q = 0; q < n; q++) {
                xs.append('X').append(q);
            }
            ParametricCircuit ghz = b.build();
            assertThat(value(ghz, xs.toString())).isCloseTo(1, within(tolerance()));
            assertThat(value(ghz, "Z0Z" + (n - 1))).isCloseTo(1, within(tolerance()));
            assertThat(value(ghz, "Z" + (n - 1))).isCloseTo(0, within(tolerance()));
        }
    }

    @Test
    void everyGateKindMatchesTheDenseReference() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (GateKind k : GateKind.values()) {
            for (int trial = 0; trial < 3; trial++) {
                String[] ry = new String[3];
                for (int q = 0; q < 3; q++) {
                    ry[q] = String.valueOf(rnd.nextDouble() * 3);
                }
                ParametricCircuit circuit = RandomCircuits.gateOnEntangledState(rnd, k,
                        ParametricCircuit.builder(3).trainable("t"), ry);
                double[] in = {rnd.nextDouble() * 6 - 3};
                double[][] ref = DenseReference.state(circuit, in);
                for (String o : new String[] {"X0", "Y1", "Z2", "X0Y1", "Z0Z2", "Y1X2"}) {
                    PauliObservable obs = PauliObservable.parse(o);
                    assertThat(estimator().value(circuit, obs, in)).as(k + " " + o)
                            .isCloseTo(DenseReference.expectation(obs, ref, 3), within(tolerance()));
                }
            }
        }
    }

    @Test
    void randomCircuitsAndObservablesMatchTheDenseReference() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 30; trial++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 12, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[] in = RandomCircuits.inputs(rnd, c);
            double expected = DenseReference.expectation(o, DenseReference.state(c, in), n);
            assertThat(estimator().value(c, o, in)).isCloseTo(expected, within(tolerance() * 4));
        }
    }

    @Test
    void aBatchAndSeveralObservablesGiveWhatSingleCallsGive() {
        SplittableRandom rnd = new SplittableRandom(4);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 3, 12, false);
        PauliObservable[] obs = {RandomCircuits.observable(rnd, 3), RandomCircuits.observable(rnd, 3)};
        double[][] batch = new double[5][];
        for (int r = 0; r < batch.length; r++) {
            batch[r] = RandomCircuits.inputs(rnd, c);
        }
        Estimates[] all = estimator().estimateAll(c, obs, batch);
        for (int j = 0; j < obs.length; j++) {
            double[] values = estimator().values(c, obs[j], batch);
            for (int r = 0; r < batch.length; r++) {
                assertThat(all[j].values()[r]).isEqualTo(values[r]);
                assertThat(estimator().value(c, obs[j], batch[r])).isEqualTo(values[r]);
            }
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        ParametricCircuit c = ParametricCircuit.builder(2).trainable("t").data("x").ry(0, "t").rx(1, "x").build();
        assertThatThrownBy(() -> estimator().values(c, PauliObservable.z(0), new double[][] {{0.1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binding 0 has 1 values but the circuit has 2 inputs [t, x]");
        assertThatThrownBy(() -> estimator().values(c, PauliObservable.z(0), new double[][] {{0.1, Double.NaN}}))
                .hasMessageContaining("non-finite value for input 'x'");
        assertThatThrownBy(() -> estimator().values(c, PauliObservable.z(2), new double[][] {{0.1, 0.2}}))
                .hasMessageContaining("acts on qubit 2 but the circuit has only 2 qubit(s)");
    }
}
