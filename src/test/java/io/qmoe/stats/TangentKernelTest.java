package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TangentKernelTest {

    /** Gradients of f(θ, x) = cos(θ + x), ∂f/∂θ = −sin(θ + x), for θ_i = 2πi/N + 0.1 (d = 1). */
    private static double[] oneQubitGradients(int n, double[] x) {
        double[] g = new double[n * x.length];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * i / n + 0.1;
            for (int a = 0; a < x.length; a++) {
                g[i * x.length + a] = -Math.sin(theta + x[a]);
            }
        }
        return g;
    }

    @Test
    void oneQubitExpertOnAUniformGridGivesHalfTheCosineOfTheDifference() {
        // (1/N) Σ_i sin(θ_i + x_a) sin(θ_i + x_b) = ½ cos(x_a − x_b) − ½ (1/N) Σ_i cos(2θ_i + x_a + x_b), and the
        // last sum vanishes exactly on N ≥ 3 equally spaced angles
        SplittableRandom rnd = new SplittableRandom(6);
        double[] x = new double[7];
        for (int a = 0; a < x.length; a++) {
            x[a] = 2 * Math.PI * rnd.nextDouble();
        }
        TangentKernel k = TangentKernel.of(64, x.length, 1, oneQubitGradients(64, x));
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                assertThat(k.value(a, b)).isCloseTo(0.5 * Math.cos(x[a] - x[b]), within(1e-12));
            }
        }
    }

    @Test
    void twoAnglesAddTheirKernels() {
        // f = cos(θ1 + x) + 3 cos(θ2 − 2x), gradient (−sin(θ1 + x), −3 sin(θ2 − 2x)), on a 16×16 product grid:
        // K = ½ cos(x_a − x_b) + 9 · ½ cos(2(x_a − x_b))
        int side = 16;
        int n = side * side;
        double[] x = {0.3, 1.9, 4.0};
        int m = x.length;
        double[] g = new double[n * m * 2];
        for (int i = 0; i < n; i++) {
            double t1 = 2 * Math.PI * (i % side) / side;
            double t2 = 2 * Math.PI * (i / side) / side + 0.2;
            for (int a = 0; a < m; a++) {
                g[(i * m + a) * 2] = -Math.sin(t1 + x[a]);
                g[(i * m + a) * 2 + 1] = -3 * Math.sin(t2 - 2 * x[a]);
            }
        }
        TangentKernel k = TangentKernel.of(n, m, 2, g);
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double expected = 0.5 * Math.cos(x[a] - x[b]) + 4.5 * Math.cos(2 * (x[a] - x[b]));
                assertThat(k.value(a, b)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void eigenvaluesOfTheTwoByTwoCaseByHand() {
        // x = (0, π/3): K = [[½, ¼], [¼, ½]], eigenvalues ½ ± ¼
        TangentKernel k = TangentKernel.of(64, 2, 1, oneQubitGradients(64, new double[] {0, Math.PI / 3}));
        assertThat(k.eigenvalues()).containsExactly(new double[] {0.75, 0.25}, within(1e-12));
        assertThat(k.frobeniusNorm()).isCloseTo(Math.sqrt(2 * 0.25 + 2 * 0.0625), within(1e-12));
    }

    @Test
    void dataOnAGridGiveARankTwoKernel() {
        // x_a = 2πa/M: K = ¼ (u u* + ū uᵀ) with u_a = e^{i x_a}, |u|² = M and uᵀu = Σ e^{2ix_a} = 0 (M ≥ 3):
        // eigenvalues M/4 (twice) and 0
        int m = 6;
        double[] x = new double[m];
        for (int a = 0; a < m; a++) {
            x[a] = 2 * Math.PI * a / m;
        }
        double[] lambda = TangentKernel.of(32, m, 1, oneQubitGradients(32, x)).eigenvalues();
        assertThat(lambda).containsExactly(new double[] {1.5, 1.5, 0, 0, 0, 0}, within(1e-12));
    }

    @Test
    void relativeDriftIsTheFrobeniusRatio() {
        // K₀ from gradients g, K from 2g: K = 4 K₀, so ‖K − K₀‖/‖K₀‖ = 3
        double[] x = {0.5, 1.0, 2.0};
        double[] g = oneQubitGradients(10, x);
        double[] g2 = g.clone();
        for (int i = 0; i < g2.length; i++) {
            g2[i] *= 2;
        }
        TangentKernel k0 = TangentKernel.of(10, 3, 1, g);
        TangentKernel k = TangentKernel.of(10, 3, 1, g2);
        assertThat(k.relativeDrift(k0)).isCloseTo(3, within(1e-13));
        assertThat(k0.relativeDrift(k0)).isZero();
        assertThat(k.matrix()).hasSize(9);
        assertThat(k.points()).isEqualTo(3);
    }

    @Test
    void refusesAMismatchedLayout() {
        assertThatThrownBy(() -> TangentKernel.of(2, 3, 1, new double[5])).hasMessageContaining("5 gradient entries");
        TangentKernel a = TangentKernel.of(1, 2, 1, new double[2]);
        TangentKernel b = TangentKernel.of(1, 3, 1, new double[3]);
        assertThatThrownBy(() -> b.relativeDrift(a)).hasMessageContaining("2 and 3 points");
    }
}
