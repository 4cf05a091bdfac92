package io.qmoe.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.List;
import io.qmoe.testing.ClosedFormQubitExpert;
import org.junit.jupiter.api.Test;

class MixtureOfExpertsTest {
    private static Dataset data() {
        double[] x = {-2.0, -0.7, 0.3, 1.1, 2.6};
        double[] y = {0.2, -0.4, 0.5, 0.1, -0.3};
        return new Dataset("test", List.of("x0"), x, y);
    }

    @Test
    void predictionsAreTheMeanOfTheExpertsAndTheLossIsHalfTheMeanSquaredResidual() {
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 3);
        double[] angles = {0.1, 0.2, 1.0, -0.5, 2.0, 3.0};
        Dataset d = data();
        FlowEvaluation e = mix.evaluate(angles, d);
        double loss = 0;
        for (int a = 0; a < d.size(); a++) {
            double x = d.feature(a, 0);
            double fn = (ClosedFormQubitExpert.f(0.1, 0.2, x) + ClosedFormQubitExpert.f(1.0, -0.5, x)
                    + ClosedFormQubitExpert.f(2.0, 3.0, x)) / 3;
            assertThat(e.predictions()[a]).isCloseTo(fn, within(1e-15));
            assertThat(e.residuals()[a]).isCloseTo(fn - d.target(a), within(1e-15));
            loss += (fn - d.target(a)) * (fn - d.target(a));
        }
        assertThat(e.loss()).isCloseTo(loss / (2 * d.size()), within(1e-15));
    }

    @Test
    void velocityIsMinusNTimesTheGradientOfTheLossByFiniteDifferences() {
        int n = 4;
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), n, 7);
        double[] angles = MixtureOfExperts.uniformAngles(n, 2, 42);
        Dataset d = data();
        double[] v = mix.evaluateWithVelocity(angles, d).velocity();
        double h = 1e-6;
        for (int i = 0; i < angles.length; i++) {
            double[] plus = angles.clone();
            double[] minus = angles.clone();
            plus[i] += h;
            minus[i] -= h;
            double dl = (mix.evaluate(plus, d).loss() - mix.evaluate(minus, d).loss()) / (2 * h);
            assertThat(v[i]).isCloseTo(-n * dl, within(1e-8));
        }
    }

    @Test
    void batchingDoesNotChangeTheNumbers() {
        double[] angles = MixtureOfExperts.uniformAngles(9, 2, 3);
        FlowEvaluation one = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 9).evaluateWithVelocity(angles,
                data());
        FlowEvaluation small = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 9, 6)
                .evaluateWithVelocity(angles, data());
        assertThat(small.velocity()).isEqualTo(one.velocity());
        assertThat(small.residuals()).isEqualTo(one.residuals());
    }

    @Test
    void initialAnglesAreSeededAndOnTheTorus() {
        double[] a = MixtureOfExperts.uniformAngles(1000, 3, 7);
        assertThat(a).isEqualTo(MixtureOfExperts.uniformAngles(1000, 3, 7));
        assertThat(a).isNotEqualTo(MixtureOfExperts.uniformAngles(1000, 3, 8));
        for (double v : a) {
            assertThat(v).isGreaterThanOrEqualTo(0).isLessThan(2 * Math.PI);
        }
        double mean = java.util.Arrays.stream(a).average().orElseThrow();
        assertThat(mean).isCloseTo(Math.PI, within(0.1));
    }

    @Test
    void wrapMapsIntoHalfOpenInterval() {
        double[] w = MixtureOfExperts.wrap(new double[] {-1e-17, 2 * Math.PI, -Math.PI, 7.0, -13.0});
        assertThat(w[0]).isZero();
        assertThat(w[1]).isZero();
        assertThat(w[2]).isCloseTo(Math.PI, within(1e-15));
        assertThat(w[3]).isCloseTo(7.0 - 2 * Math.PI, within(1e-15));
        assertThat(w[4]).isCloseTo(-13.0 + 6 * Math.PI, within(1e-14));
    }

    @Test
    void refusesBadSizes() {
        assertThatThrownBy(() -> new MixtureOfExperts(ClosedFormQubitExpert.expert(), 0))
                .hasMessageContaining("at least 1");
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 2);
        assertThatThrownBy(() -> mix.evaluate(new double[3], data())).hasMessageContaining("expected 2 x 2 angles");
        Dataset twoFeatures = new Dataset("two", List.of("a", "b"), new double[] {1, 2}, new double[] {0});
        assertThatThrownBy(() -> mix.evaluate(new double[4], twoFeatures)).hasMessageContaining("2 feature(s)");
        ParametricCircuit fixed = ParametricCircuit.builder(1).data("x0").rx(0, "x0").build();
        Expert untrainable = Expert.on(fixed, PauliObservable.z(0), new StateVectorEstimator(1));
        assertThatThrownBy(() -> new MixtureOfExperts(untrainable, 4)).hasMessageContaining("no trainable angles");
    }

    @Test
    void sizesBeyondOneJavaArrayAreRefusedBeforeAnythingIsAllocated() {
        assertThatThrownBy(() -> MixtureOfExperts.uniformAngles(1_500_000_000, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3000000000");
        // 1000 experts x 1.1 million points x 2 angles = 2.2e9 gradient entries: the per-row gradients are refused ...
        int m = 1_100_000;
        Dataset large = new Dataset("large", List.of("x0"), new double[m], new double[m]);
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 1000);
        double[] angles = mix.initialAngles(1);
        assertThatThrownBy(() -> mix.evaluateOnData(angles, large, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N·M·d gradient entries (1000 x 1100000 x 2 = 2200000000)");
        // ... and this row-path backend needs them for a velocity (one pass): N·M·(d + 1) values and gradients, the N·d
        // velocities and one batch of rows (d + k + 1 = 4 doubles a row) ...
        long batch = MixtureOfExperts.DEFAULT_MAX_BATCH;
        assertThat(mix.evaluationBytes(m)).isEqualTo(8L * 1000 * m * 3 + 8L * 1000 * 2 + 8L * batch * 4);
        // ... while on the state-vector engine's grid a velocity holds N·d velocities, one batch of values and three
        // M-long arrays
        Expert engine = Expert.on(ClosedFormQubitExpert.CIRCUIT, ClosedFormQubitExpert.OBSERVABLE,
                new StateVectorEstimator(1));
        assertThat(new MixtureOfExperts(engine, 1000).evaluationBytes(m))
                .isEqualTo(8L * (1000 * 2 + batch + 3L * m));
    }

    @Test
    void predictionsAtNewInputsFollowTheClosedFormAndMatchTrainingPredictions() {
        Expert e = ClosedFormQubitExpert.expert();
        MixtureOfExperts mix = new MixtureOfExperts(e, 5, 3);
        double[] angles = mix.initialAngles(11);
        double[] xs = {0.0, 0.9, -2.5, 4.0};
        double[] predicted = mix.predict(angles, xs);
        for (int a = 0; a < xs.length; a++) {
            double expected = 0;
            for (int i = 0; i < 5; i++) {
                expected += ClosedFormQubitExpert.f(angles[2 * i], angles[2 * i + 1], xs[a]);
            }
            assertThat(predicted[a]).isCloseTo(expected / 5, within(1e-15));
        }
        Dataset data = new Dataset("d", List.of("x0"), xs, new double[] {0, 0, 0, 0});
        assertThat(mix.predict(angles, xs)).containsExactly(mix.evaluate(angles, data).predictions());
        assertThatThrownBy(() -> mix.predict(new double[3], xs))
                .hasMessageContaining("angles");
    }
}
