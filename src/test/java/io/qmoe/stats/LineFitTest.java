package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LineFitTest {

    @Test
    void threePointsByHand() {
        // (0,0), (1,1), (2,1): x̄ = 1, ȳ = 2/3, Σ(x−x̄)(y−ȳ) = 2/3 + 1/3 = 1, Σ(x−x̄)² = 2 → slope 1/2,
        // intercept 2/3 − 1/2 = 1/6, residuals (−1/6, 1/3, −1/6) → RSS = 6/36
        LineFit f = LineFit.of(new double[] {0, 1, 2}, new double[] {0, 1, 1});
        assertThat(f.slope()).isCloseTo(0.5, within(1e-15));
        assertThat(f.intercept()).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(f.residualSumOfSquares()).isCloseTo(1.0 / 6, within(1e-15));
        assertThat(f.points()).isEqualTo(3);
    }

    @Test
    void logLogSkipsWhatHasNoLogarithm() {
        // v = 5 N^{-1/2} at N = 4, 16, 64; the zero and the NaN are skipped
        LineFit f = LineFit.logLog(new double[] {4, 8, 16, 32, 64}, new double[] {2.5, 0, 1.25, Double.NaN, 0.625});
        assertThat(f.points()).isEqualTo(3);
        assertThat(f.slope()).isCloseTo(-0.5, within(1e-14));
        assertThat(Math.exp(f.intercept())).isCloseTo(5, within(1e-13));
        assertThat(LineFit.of(new double[] {1}, new double[] {2}).slope()).isNaN();
    }
}
