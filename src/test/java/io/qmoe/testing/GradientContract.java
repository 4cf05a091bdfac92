package io.qmoe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.GradientMethod;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GradientMethod} must do, run by each method on each backend with its own tolerance: the closed
 * form d/dθ cos θ = −sin θ, the chain rule over shared and scaled angles, values equal to its backend's, and gradients
 * of random circuits equal to central differences of the dense reference (an independent simulator).
 */
public abstract class GradientContract {
    private Estimator backend;
    private GradientMethod method;

    /** The backend the method runs on (closed after each test). */
    protected abstract Estimator createBackend();

    /** The method under test on {@code backend}. */
    protected abstract GradientMethod create(Estimator backend);

    /** The absolute tolerance of this method's derivatives on this backend. */
    protected abstract double tolerance();

    private GradientMethod method() {
        if (method == null) {
            backend = createBackend();
            method = create(backend);
        }
        return method;
    }

    @AfterEach
    void closeTheBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void closedFormDerivativeOfRy() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("t").ry(0, "t").build();
        for (double th : new double[] {-1.2, 0.0, 0.5, 2.9}) {
            ValuesAndGradients vg = method().evaluate(c, PauliObservable.z(0), new double[][] {{th}});
            assertThat(vg.values()[0]).isCloseTo(Math.cos(th), within(tolerance()));
            assertThat(vg.gradient(0, 0)).isCloseTo(-Math.sin(th), within(tolerance()));
        }
    }

    /** ⟨Z⟩ after RY(2t)·RY(t) is cos 3t: its derivative is −3 sin 3t. */
    @Test
    void sharedAndScaledAnglesFollowTheChainRule() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("t").ry(0, "t").ry(0, "2*t").build();
        double t = 0.37;
        assertThat(method().evaluate(c, PauliObservable.z(0), new double[][] {{t}}).gradient(0, 0))
                .isCloseTo(-3 * Math.sin(3 * t), within(3 * tolerance()));
    }

    @Test
    void randomCircuitsMatchCentralDifferencesOfTheDenseReference() {
        SplittableRandom rnd = new SplittableRandom(11);
        double h = 1e-5;
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(3);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 10, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[] in = RandomCircuits.inputs(rnd, c);
            ValuesAndGradients vg = method().evaluate(c, o, new double[][] {in});
            assertThat(vg.values()[0]).isEqualTo(method().backend().value(c, o, in));
            for (int k = 0; k < c.trainableCount(); k++) {
                double[] plus = in.clone();
                double[] minus = in.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = (DenseReference.expectation(o, DenseReference.state(c, plus), n)
                        - DenseReference.expectation(o, DenseReference.state(c, minus), n)) / (2 * h);
                // the reference's central difference is itself accurate to about 1e-9 here
                assertThat(vg.gradient(0, k)).as("trial %d angle %d", trial, k)
                        .isCloseTo(fd, within(Math.max(tolerance(), 2e-8) * Math.max(1, o.normBound())));
            }
        }
    }
}
