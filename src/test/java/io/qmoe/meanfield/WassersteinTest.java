package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WassersteinTest {
    @Test
    void cloudAgainstItsRigidShiftIsTheShiftLength() {
        // Points on a grid with spacing 2π/8 per axis; a shift smaller than half the spacing moves every point to its
        // own translate, which is optimal (W_2 ≥ |s| for translations of a measure, and the translation achieves it).
        int g = 8;
        double[] grid = new double[g * g * 2];
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                grid[(i * g + j) * 2] = 2 * Math.PI * i / g;
                grid[(i * g + j) * 2 + 1] = 2 * Math.PI * j / g;
            }
        }
        double[] shift = {0.21, -0.13};
        double[] moved = grid.clone();
        for (int k = 0; k < moved.length; k++) {
            moved[k] += shift[k % 2];
        }
        double expected = Math.hypot(shift[0], shift[1]);
        assertThat(Wasserstein.w2(TorusPoints.of(2, grid), TorusPoints.of(2, moved))).isCloseTo(expected,
                within(1e-12));
        assertThat(Wasserstein.w1(TorusPoints.of(2, grid), TorusPoints.of(2, moved))).isCloseTo(expected,
                within(1e-12));
    }

    @Test
    void distancesWrapAroundTheTorus() {
        assertThat(Wasserstein.w2(TorusPoints.of(1, new double[] {0.1}),
                TorusPoints.of(1, new double[] {2 * Math.PI - 0.1}))).isCloseTo(0.2, within(1e-12));
        assertThat(Wasserstein.w2(TorusPoints.of(2, new double[] {-0.05, 3.0}),
                TorusPoints.of(2, new double[] {6.25, 3.0 + 4 * Math.PI}))).isCloseTo(
                        6.25 + 0.05 - 2 * Math.PI, within(1e-12));
        // the farthest two points can be on a circle is π
        assertThat(Wasserstein.w1(TorusPoints.of(1, new double[] {0}), TorusPoints.of(1, new double[] {Math.PI})))
                .isCloseTo(Math.PI, within(1e-15));
    }

    @Test
    void differentSizes() {
        // {0} against {−0.3, +0.3}: every transport plan moves mass 1/2 by 0.3 each way: W_2 = 0.3
        assertThat(Wasserstein.w2(TorusPoints.of(1, new double[] {0}), TorusPoints.of(1, new double[] {-0.3, 0.3})))
                .isCloseTo(0.3, within(1e-12));
        // {0, 1} (weights 1/2) against {0, 0.6, 1.2} (weights 1/3): optimal plan by hand: 0→0 (1/3), 0→0.6 (1/6),
        // 1→0.6 (1/6), 1→1.2 (1/3): cost = 1/6·0.36 + 1/6·0.16 + 1/3·0.04
        double expected = Math.sqrt(0.36 / 6 + 0.16 / 6 + 0.04 / 3);
        assertThat(Wasserstein.w2(TorusPoints.of(1, new double[] {0, 1}),
                TorusPoints.of(1, new double[] {0, 0.6, 1.2}))).isCloseTo(expected, within(1e-12));
        // coprime sizes far beyond any replication: two clouds of coincident points are at distance 0
        assertThat(Wasserstein.w2(TorusPoints.of(1, new double[997]), TorusPoints.of(1, new double[991])))
                .isEqualTo(0.0);
    }

    @Test
    void closedFormToTheUniformCircle() {
        // one point: W_2² = (1/2π) ∫_{−π}^{π} s² ds = π²/3
        assertThat(Wasserstein.w2ToUniformCircle(new double[] {1.234})).isCloseTo(Math.PI / Math.sqrt(3),
                within(1e-12));
        // N equally spaced points: each carries an arc of length 2π/N; W_2 = π / (√3 N)
        int n = 7;
        double[] eq = new double[n];
        for (int i = 0; i < n; i++) {
            eq[i] = 0.4 + 2 * Math.PI * i / n;
        }
        assertThat(Wasserstein.w2ToUniformCircle(eq)).isCloseTo(Math.PI / (Math.sqrt(3) * n), within(1e-12));
        // against the assignment solver with a fine uniform grid of K·N points (converges as K grows)
        SplittableRandom rnd = new SplittableRandom(3);
        double[] pts = new double[10];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rnd.nextDouble() * 2 * Math.PI;
        }
        double exact = Wasserstein.w2ToUniformCircle(pts);
        double previous = Double.POSITIVE_INFINITY;
        for (int k : new int[] {10, 40, 160}) {
            double[] grid = new double[k * pts.length];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = 2 * Math.PI * (i + 0.5) / grid.length;
            }
            double approx = Wasserstein.w2(TorusPoints.of(1, pts), TorusPoints.of(1, grid));
            double err = Math.abs(approx - exact);
            assertThat(err).isLessThan(previous);
            previous = err;
        }
        assertThat(previous).isLessThan(2e-3);
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> TorusPoints.of(2, new double[] {0.1, Double.NaN})).hasMessageContaining("not finite");
        assertThatThrownBy(() -> TorusPoints.of(2, new double[] {0.1, 0.2, 0.3})).hasMessageContaining("whole points");
        assertThatThrownBy(() -> Wasserstein.distance(TorusPoints.of(1, new double[] {0}),
                TorusPoints.of(1, new double[] {0}), 3)).hasMessageContaining("p must be 1 or 2");
        assertThatThrownBy(() -> Wasserstein.w2(TorusPoints.of(1, new double[] {0, 1}),
                TorusPoints.of(2, new double[] {0, 1}))).hasMessageContaining("dimension");
    }
}
