package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void fiveValuesByHand() {
        // {1,2,3,4,10}: x̄ = 4, deviations (−3,−2,−1,0,6); m2 = 50/5 = 10, s² = 50/4; m3 = 180/5 = 36,
        // m4 = 1394/5 = 278.8; g1 = 36 / 10^1.5, g2 = 278.8/100 − 3 = −0.212
        Moments m = Moments.of(new double[] {1, 2, 3, 4, 10});
        assertThat(m.n()).isEqualTo(5);
        assertThat(m.mean()).isCloseTo(4, within(1e-15));
        assertThat(m.variance()).isCloseTo(12.5, within(1e-14));
        assertThat(m.standardDeviation()).isCloseTo(Math.sqrt(12.5), within(1e-14));
        assertThat(m.skewness()).isCloseTo(36 / Math.pow(10, 1.5), within(1e-14));
        assertThat(m.excessKurtosis()).isCloseTo(-0.212, within(1e-14));
    }

    @Test
    void uniformLawHasSkewZeroAndExcessKurtosisMinusSixFifths() {
        SplittableRandom rnd = new SplittableRandom(21);
        double[] x = Samples.uniform(rnd, 400_000, 0, 1);
        Moments m = Moments.of(x);
        // U(0,1): mean 1/2, variance 1/12; sampling standard deviations here are about 0.004 and 0.002
        assertThat(m.mean()).isCloseTo(0.5, within(0.003));
        assertThat(m.variance()).isCloseTo(1.0 / 12, within(0.001));
        assertThat(m.skewness()).isCloseTo(0, within(0.02));
        assertThat(m.excessKurtosis()).isCloseTo(-1.2, within(0.02));
    }

    @Test
    void exponentialLawHasSkewTwoAndExcessKurtosisSix() {
        SplittableRandom rnd = new SplittableRandom(22);
        double[] x = Samples.exponential(rnd, 1_000_000);
        Moments m = Moments.of(x);
        // Exp(1): mean 1, variance 1, skewness 2, excess kurtosis 6 (heavy-tailed estimators: sd ≈ 0.015 and 0.2)
        assertThat(m.mean()).isCloseTo(1, within(0.005));
        assertThat(m.variance()).isCloseTo(1, within(0.02));
        assertThat(m.skewness()).isCloseTo(2, within(0.08));
        assertThat(m.excessKurtosis()).isCloseTo(6, within(1.0));
    }

    @Test
    void degenerateSamples() {
        Moments one = Moments.of(new double[] {3});
        assertThat(one.variance()).isNaN();
        assertThat(Moments.of(new double[] {2, 2, 2}).skewness()).isNaN();
        assertThatThrownBy(() -> Moments.of(new double[0])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Moments.of(new double[] {1, Double.NaN})).hasMessageContaining("finite");
    }
}
