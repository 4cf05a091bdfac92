package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalityTestTest {

    @Test
    void threeValuesByHand() {
        // {−1, 0, 1}: x̄ = 0, s = 1, z = (−1, 0, 1). With Φ(1) = 0.8413447460685429 (standard normal table):
        // i=1: 1·(ln Φ(−1) + ln(1 − Φ(1))) = 2 ln Φ(−1); i=2: 3·(ln ½ + ln ½); i=3: 5·(ln Φ(1) + ln(1 − Φ(−1)))
        double phi1 = 0.8413447460685429;
        double phiM1 = 1 - phi1;
        double a2 = -3 - (2 * Math.log(phiM1) + 6 * Math.log(0.5) + 10 * Math.log(phi1)) / 3;
        double modified = a2 * (1 + 0.75 / 3 + 2.25 / 9);
        // A*² ≈ 0.284 lies in [0.2, 0.34): p = 1 − exp(−8.318 + 42.796 A*² − 59.938 A*⁴)
        double p = 1 - Math.exp(-8.318 + 42.796 * modified - 59.938 * modified * modified);
        NormalityTest.AndersonDarling ad = NormalityTest.andersonDarling(new double[] {1, -1, 0});
        assertThat(a2).isCloseTo(0.18949, within(1e-5));
        assertThat(ad.aSquared()).isCloseTo(a2, within(1e-13));
        assertThat(ad.modified()).isCloseTo(modified, within(1e-13));
        assertThat(ad.pValue()).isCloseTo(p, within(1e-12));
        assertThat(ad.n()).isEqualTo(3);
    }

    @Test
    void pValueReproducesAPublishedExample() {
        // Minitab's graphical summary of 11 precipitation values: A² = 0.99, p = 0.008
        double modified = 0.99 * (1 + 0.75 / 11 + 2.25 / 121);
        assertThat(NormalityTest.andersonDarlingPValue(modified)).isCloseTo(0.008, within(0.0005));
        assertThat(NormalityTest.andersonDarlingPValue(0)).isCloseTo(1 - Math.exp(-13.436), within(1e-15));
        assertThat(NormalityTest.andersonDarlingPValue(20)).isEqualTo(0);
    }

    @Test
    void andersonDarlingPValueMeetsThePublishedCriticalValues() {
        // Stephens (1974), case 3 (mean and variance estimated): A*² = 0.631, 0.752, 1.035 at 10 %, 5 %, 1 %
        assertThat(NormalityTest.andersonDarlingPValue(0.631)).isCloseTo(0.10, within(0.001));
        assertThat(NormalityTest.andersonDarlingPValue(0.752)).isCloseTo(0.05, within(0.001));
        assertThat(NormalityTest.andersonDarlingPValue(1.035)).isCloseTo(0.01, within(0.0005));
    }

    @Test
    void lillieforsDistanceOfFiveValuesByHand() {
        // {−1, −1, 0, 1, 1}: x̄ = 0, s = sqrt(4/4) = 1, F = (Φ(−1), Φ(−1), ½, Φ(1), Φ(1)).
        // i/n − F_i = (0.2 − Φ(−1), 0.4 − Φ(−1), 0.1, 0.8 − Φ(1), 1 − Φ(1)) and F_i − (i−1)/n =
        // (Φ(−1), Φ(−1) − 0.2, 0.1, Φ(1) − 0.6, Φ(1) − 0.8): the largest is 0.4 − Φ(−1) = Φ(1) − 0.6
        double phi1 = 0.8413447460685429;
        double d = 0.4 - (1 - phi1);
        NormalityTest.Lilliefors l = NormalityTest.lilliefors(new double[] {1, -1, 0, 1, -1});
        assertThat(l.d()).isCloseTo(d, within(1e-14));
        assertThat(l.n()).isEqualTo(5);
        // Dallal–Wilkinson gives p > 0.1 here, so Stephens' polynomial in D* = (√5 − 0.01 + 0.85/√5) D ∈ (0.5, 0.9]
        double k = (Math.sqrt(5) - 0.01 + 0.85 / Math.sqrt(5)) * d;
        double p = -4.901232 + 40.662806 * k - 97.490286 * k * k + 94.029866 * k * k * k - 32.355711 * k * k * k * k;
        assertThat(k).isBetween(0.5, 0.9);
        assertThat(l.pValue()).isCloseTo(p, within(1e-12));
    }

    @Test
    void lillieforsPValueMeetsThePublishedCriticalValues() {
        // Lilliefors (1967), n > 30: D = 0.886/√n at 5 %, 1.031/√n at 1 %
        for (int n : new int[] {50, 100}) {
            assertThat(NormalityTest.lillieforsPValue(0.886 / Math.sqrt(n), n)).as("n=%d", n)
                    .isCloseTo(0.05, within(0.003));
            assertThat(NormalityTest.lillieforsPValue(1.031 / Math.sqrt(n), n)).as("n=%d", n)
                    .isCloseTo(0.01, within(0.001));
        }
        assertThat(NormalityTest.lillieforsPValue(0.01, 100)).isEqualTo(1);
    }

    @Test
    void normalSamplesAreRarelyRejected() {
        SplittableRandom rnd = new SplittableRandom(31);
        int small = 0;
        int smallKs = 0;
        int seeds = 40;
        for (int s = 0; s < seeds; s++) {
            double[] x = Samples.normal(rnd, 200, 3, 2);
            if (NormalityTest.andersonDarling(x).pValue() < 0.05) {
                small++;
            }
            if (NormalityTest.lilliefors(x).pValue() < 0.05) {
                smallKs++;
            }
        }
        // about 2 of 40 expected under the null for each test; P(≥ 9) is below 1e-4
        assertThat(small).isLessThanOrEqualTo(8);
        assertThat(smallKs).isLessThanOrEqualTo(8);
    }

    @Test
    void exponentialAndUniformSamplesOfFiveHundredAreRejected() {
        SplittableRandom rnd = new SplittableRandom(32);
        for (int s = 0; s < 5; s++) {
            double[] e = Samples.exponential(rnd, 500);
            double[] u = Samples.uniform(rnd, 500, 0, 1);
            assertThat(NormalityTest.andersonDarling(e).pValue()).as("exponential seed %d", s).isLessThan(0.01);
            assertThat(NormalityTest.andersonDarling(u).pValue()).as("uniform seed %d", s).isLessThan(0.01);
            assertThat(NormalityTest.lilliefors(e).pValue()).as("exponential seed %d", s).isLessThan(0.01);
        }
    }

    @Test
    void refusesTooFewOrConstantValues() {
        assertThatThrownBy(() -> NormalityTest.andersonDarling(new double[] {1, 2})).hasMessageContaining("3 values");
        assertThatThrownBy(() -> NormalityTest.andersonDarling(new double[] {1, 1, 1}))
                .hasMessageContaining("not all equal");
        assertThatThrownBy(() -> NormalityTest.lilliefors(new double[] {1, 2, 3, 4})).hasMessageContaining("5 values");
    }
}
