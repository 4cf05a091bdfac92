package io.qmoe.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.backend.Differentiable;
import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two-pass velocity field (blocked prediction sums, then gradients reduced straight into velocities) against the
 * formula written out here from per-row values and gradients of explicit binding rows: f_N(x_a) summed in blocks of
 * {@link MixtureOfExperts#SUM_BLOCK} experts (expert order inside a block, then block order) and
 * v_i = −(1/M) Σ_a r_a ∇f(θ_i, x_a) in ascending a; the same bits with 1, 2 or 3 threads, any batch size, and on a
 * backend without the grid capability (the row path).
 */
class VelocityFieldMemoryTest {
    private static final ParametricCircuit CIRCUIT = ParametricCircuit.builder(1).trainable("a", "b").data("x")
            .rx(0, "x").ry(0, "a").rz(0, "b").rx(0, "2*x").ry(0, "a*b").build();
    private static final PauliObservable OBSERVABLE = PauliObservable.parse("Z0 + 0.5*X0");

    private static Dataset data(int m) {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[m];
        double[] y = new double[m];
        for (int a = 0; a < m; a++) {
            x[a] = rnd.nextDouble() * 4 - 2;
            y[a] = rnd.nextDouble() - 0.5;
        }
        return new Dataset("d", List.of("x"), x, y);
    }

    /** The same engine seen through a backend that offers no grid evaluation (only rows). */
    private static Estimator rowsOnly(StateVectorEstimator sv) {
        return new Estimator() {
            @Override
            public String name() {
                return "rows-only";
            }

            @Override
            public Optional<Differentiable> differentiation() {
                return sv.differentiation();
            }

            @Override
            public Estimates estimate(ParametricCircuit c, PauliObservable o, double[][] bindings) {
                return sv.estimate(c, o, bindings);
            }
        };
    }

    @Test
    void twoPassVelocityEqualsTheBlockedFormulaFromPerRowGradients() {
        int n = 2100;
        int m = 6;
        Dataset data = data(m);
        StateVectorEstimator sv = new StateVectorEstimator(2);
        MixtureOfExperts mix = new MixtureOfExperts(Expert.on(CIRCUIT, OBSERVABLE, sv), n);
        double[] angles = mix.initialAngles(3);
        double[][] rows = new double[n * m][];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                rows[i * m + a] = new double[] {angles[2 * i], angles[2 * i + 1], data.feature(a, 0)};
            }
        }
        ValuesAndGradients perRow = sv.valuesAndGradients(CIRCUIT, OBSERVABLE, rows);
        double[] residuals = new double[m];
        for (int a = 0; a < m; a++) {
            double total = 0;
            for (int b0 = 0; b0 < n; b0 += 1024) {
                double block = 0;
                for (int i = b0; i < Math.min(n, b0 + 1024); i++) {
                    block += perRow.values()[i * m + a];
                }
                total += block;
            }
            residuals[a] = total / n - data.target(a);
        }
        double[] velocity = new double[n * 2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                for (int k = 0; k < 2; k++) {
                    velocity[i * 2 + k] += -residuals[a] / m * perRow.gradient(i * m + a, k);
                }
            }
        }
        FlowEvaluation e = mix.evaluateWithVelocity(angles, data);
        assertThat(e.residuals()).isEqualTo(residuals);
        assertThat(e.velocity()).isEqualTo(velocity);
        assertThat(MixtureOfExperts.velocities(mix.evaluateOnData(angles, data, true).gradients(), residuals, 2))
                .isEqualTo(velocity);
    }

    @Test
    void sameBitsWhateverTheThreadCountTheBatchSizeAndThePath() {
        int n = 1500;
        int m = 9;
        Dataset data = data(m);
        double[] angles = MixtureOfExperts.uniformAngles(n, 2, 8);
        FlowEvaluation reference = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (StateVectorEstimator sv = new StateVectorEstimator(threads)) {
                Estimator rows = rowsOnly(sv);
                MixtureOfExperts[] mixtures = {
                    new MixtureOfExperts(Expert.on(CIRCUIT, OBSERVABLE, sv), n),
                    new MixtureOfExperts(Expert.on(CIRCUIT, OBSERVABLE, sv), n, 100),
                    new MixtureOfExperts(new Expert(CIRCUIT, OBSERVABLE, rows, new AdjointGradient(rows)), n, 5000),
                    new MixtureOfExperts(new Expert(CIRCUIT, OBSERVABLE, rows, new AdjointGradient(rows)), n, 7)};
                for (MixtureOfExperts mix : mixtures) {
                    FlowEvaluation e = mix.evaluateWithVelocity(angles, data);
                    if (reference == null) {
                        reference = e;
                    }
                    assertThat(e.predictions()).as(threads + " threads").isEqualTo(reference.predictions());
                    assertThat(e.velocity()).as(threads + " threads").isEqualTo(reference.velocity());
                    assertThat(e.loss()).isEqualTo(reference.loss());
                }
            }
        }
    }
}
